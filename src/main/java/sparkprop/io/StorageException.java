package sparkprop.io;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A file or directory the user named cannot be reached (no file system for its scheme, a NameNode
 * that does not answer, no permission): one line naming it and the file system's reason.
 */
public final class StorageException extends UncheckedIOException {

    public StorageException(String message, IOException cause) {
        super(message, cause);
    }

    /** "{@code what}: cannot be read (the reason)": for a file that is there but cannot be read or listed. */
    public static StorageException unreadable(Object what, IOException cause) {
        return new StorageException(what + ": cannot be read (" + StoragePath.firstLine(cause) + ")", cause);
    }
}
