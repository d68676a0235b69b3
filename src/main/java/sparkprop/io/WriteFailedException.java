package sparkprop.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A file the user keeps could not be written (a full disk, a read-only directory): one line naming
 * the file, the system's reason, and what is left as it was, for the command line to print.
 */
public final class WriteFailedException extends UncheckedIOException {

    /** {@code left} says what the failed write did not touch, e.g. "the older checkpoints are as they were". */
    public WriteFailedException(Path file, IOException cause, String left) {
        super(file + ": cannot write it (" + reason(cause) + "); " + left, cause);
    }

    /** The system's words: "No space left on device", not the exception's class. */
    private static String reason(IOException cause) {
        String message = cause.getMessage();
        if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            message = fs.getReason();
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
