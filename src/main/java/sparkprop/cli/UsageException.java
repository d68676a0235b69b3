package sparkprop.cli;

/** A command line the program cannot run: the message names the option, what was expected and what was found. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
