package sparkprop.training;

/** Training produced a weight or bias that is NaN or infinite; the message says where and suggests a smaller eta. */
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DivergenceException(String message) {
        super(message);
    }
}
