package sparkprop.cli;

/** A training run stopped by a signal between two steps ({@link StopOnSignal}). */
final class RunStopped extends RuntimeException {

    RunStopped(String signal, int epoch, int stepsDone, int steps) {
        super(String.format("stopped by %s in epoch %d after step %d/%d", signal, epoch, stepsDone, steps));
    }
}
