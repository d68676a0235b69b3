package sparkprop.network;

/** A model file that cannot be used; the message names the file and what is wrong with it. */
public final class InvalidModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }
}
