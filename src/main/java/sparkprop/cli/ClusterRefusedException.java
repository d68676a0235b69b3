package sparkprop.cli;

/**
 * A standalone Master that did not register the application: refused (a cluster that authenticates
 * its peers refuses one without its secret) or unreachable. Spark gives up after its registration
 * retries and stops the context, but the driver would otherwise wait for executors that never come.
 */
final class ClusterRefusedException extends RuntimeException {

    /** @param cause what Spark threw while giving up, or null */
    ClusterRefusedException(String message, RuntimeException cause) {
        super(message, cause);
    }
}
