package sparkprop.training;

/** Another live run holds the checkpoint directory. */
public final class CheckpointInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointInUseException(String message) {
        super(message);
    }
}
