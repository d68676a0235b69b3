package sparkprop.io;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A file the user keeps could not be written (a full disk, a read-only directory): one line naming
 * the file, the system's reason, and what is left as it was, for the command line to print.
 */
public final class WriteFailedException extends UncheckedIOException {

    /** {@code left} says what the failed write did not touch, e.g. "the older checkpoints are as they were". */
    public WriteFailedException(Object file, IOException cause, String left) {
        super(file + ": cannot write it (" + reason(cause) + "); " + left, cause);
    }

    /** The system's words: "No space left on device", not the exception's class. */
    private static String reason(IOException cause) {
        if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        // Hadoop's remote exceptions (a space quota on HDFS) carry the NameNode's stack trace after the first line.
        return StoragePath.firstLine(cause);
    }
}
