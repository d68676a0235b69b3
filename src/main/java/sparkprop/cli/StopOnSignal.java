package sparkprop.cli;

import sun.misc.Signal;

import sparkprop.training.TrainingListener;

/**
 * Ctrl-C (SIGINT) and SIGTERM end a training run between two steps, not in the middle of a Spark
 * job: the signal is noted, the step under way finishes, and the next step does not start
 * ({@link RunStopped}); the SparkContext then stops as at the end of any run, so the run ends with
 * one line instead of the stack traces of cancelled jobs, and a checkpoint being written is
 * written whole. A second signal, or a step that has not ended {@link #GRACE_SECONDS} seconds
 * after the first, ends the JVM at once.
 *
 * <p>The JVM's own handlers are replaced only in the process spark-submit starts ({@link #onSignals});
 * tests that call {@link Main#run} keep their JVM's.
 */
final class StopOnSignal implements TrainingListener {

    /** How long the step under way may take after a signal before the JVM exits without it. */
    static final int GRACE_SECONDS = 10;

    private volatile Signal received;

    private StopOnSignal() {
    }

    /** A listener that no signal reaches: runs started by tests. */
    static StopOnSignal none() {
        return new StopOnSignal();
    }

    /** A listener that SIGINT and SIGTERM reach, in place of the JVM's handlers (which exit at once). */
    static StopOnSignal onSignals() {
        StopOnSignal stop = new StopOnSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), stop::received);
            } catch (IllegalArgumentException e) {
                // The JVM keeps a signal that was ignored when it started (SIGINT in a shell's background job), or runs with -Xrs.
            }
        }
        return stop;
    }

    private void received(Signal signal) {
        int status = exitStatus(signal);
        if (received != null) {
            System.err.println("sparkprop: SIG" + signal.getName() + " again: stopping at once");
            System.exit(status);
        }
        received = signal;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("sparkprop: SIG" + signal.getName() + ": the step under way has not ended in " + GRACE_SECONDS
                    + " s; stopping without it");
            System.exit(status);
        }, "sparkprop-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The shell's convention: 128 plus the signal's number (130 for SIGINT, 143 for SIGTERM). */
    private static int exitStatus(Signal signal) {
        return 128 + signal.getNumber();
    }

    /** Whether a signal has come (a run that fails after one reports the stop, not the failure). */
    boolean requested() {
        return received != null;
    }

    /** The run's exit status after a signal. */
    int exitStatus() {
        return exitStatus(received);
    }

    String signalName() {
        return "SIG" + received.getName();
    }

    @Override
    public void stepStarting(int epoch, int step, int steps) {
        if (received != null) {
            throw new RunStopped(signalName(), epoch, step - 1, steps);
        }
    }
}
