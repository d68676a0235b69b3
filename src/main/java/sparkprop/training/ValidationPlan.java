package sparkprop.training;

/**
 * What chapter 3 does with the validation accuracy after each epoch: network2.py's early stopping
 * (stop when it has not improved for {@code earlyStop} epochs) and the book's learning-rate
 * schedule (halve eta when it has not improved for {@code halveAfter} epochs; stop once eta has
 * fallen to 1/128 of its first value). Either is off at 0. Its {@link State} goes into every
 * checkpoint, so that a resumed run goes on with the same eta and the same count of stalled epochs.
 */
public final class ValidationPlan {

    /** No early stopping, no schedule: every epoch runs at the first eta. */
    public static final ValidationPlan NONE = new ValidationPlan(0, 0, 1);

    private final int earlyStop;
    private final int halveAfter;
    private final double firstEta;
    private double eta;
    private double best = Double.NEGATIVE_INFINITY;
    private int sinceBest;
    private String stopReason;

    public ValidationPlan(int earlyStop, int halveAfter, double eta) {
        if (earlyStop < 0 || halveAfter < 0) {
            throw new IllegalArgumentException("epoch counts must be 0 (off) or positive, found " + earlyStop + " and " + halveAfter);
        }
        this.earlyStop = earlyStop;
        this.halveAfter = halveAfter;
        this.firstEta = eta;
        this.eta = eta;
    }

    /**
     * What the plan has seen so far: the eta for the next epoch, the best validation accuracy, the
     * epochs since it, and why the plan stopped training (null while it has not).
     */
    public record State(double eta, double best, int sinceBest, String stopReason) {
    }

    public State state() {
        return new State(eta, best, sinceBest, stopReason);
    }

    /** Goes on from a checkpoint's state. */
    public void restore(State state) {
        eta = state.eta();
        best = state.best();
        sinceBest = state.sinceBest();
        stopReason = state.stopReason();
    }

    /** Whether it needs the validation accuracy after every epoch. */
    public boolean active() {
        return earlyStop > 0 || halveAfter > 0;
    }

    /** The learning rate for the next epoch. */
    public double eta() {
        return eta;
    }

    /** Takes an epoch's validation accuracy; returns whether training goes on. */
    public boolean goOn(double validationAccuracy) {
        if (validationAccuracy > best) {
            best = validationAccuracy;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        if (earlyStop > 0 && sinceBest >= earlyStop) {
            stopReason = String.format("early stop: the validation accuracy has not improved on %.2f%% for %d epochs", 100 * best, sinceBest);
            return false;
        }
        if (halveAfter > 0 && sinceBest >= halveAfter) {
            eta /= 2;
            sinceBest = 0;
            if (eta <= firstEta / 128) {
                stopReason = String.format("learning-rate schedule: eta has fallen to %s, 1/128 of %s", eta, firstEta);
                return false;
            }
        }
        return true;
    }

    /** Why {@link #goOn} last said no; null while it has not. */
    public String stopReason() {
        return stopReason;
    }
}
