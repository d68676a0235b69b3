package sparkprop.data;

/**
 * Input data that cannot be used: the message names the file (and record or byte offset), what was
 * expected and what was found, so it can be shown to the user as it is.
 */
public final class BadDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadDataException(String message) {
        super(message);
    }

    public BadDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
