package sparkprop.training;

/** A checkpoint file that cannot be used; the message names the file and what is wrong with it. */
public final class InvalidCheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCheckpointException(String message) {
        super(message);
    }
}
