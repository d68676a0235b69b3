package sparkprop.training;

import sparkprop.metrics.EpochResult;
import sparkprop.metrics.Monitoring;

/** What a trainer tells the outside world while it runs: progress within an epoch, and each epoch's result. */
public interface TrainingListener {

    /** Step {@code step} (1-based) of {@code steps} of epoch {@code epoch} is about to run. */
    default void stepStarting(int epoch, int step, int steps) {
    }

    /** Step {@code step} (1-based) of {@code steps} of epoch {@code epoch} is done. */
    default void stepDone(int epoch, int step, int steps) {
    }

    /**
     * An epoch is done and evaluated, and monitored when a listener wants it or the validation plan
     * needs it ({@code monitoring} is null otherwise).
     */
    default void epochDone(EpochResult result, Monitoring monitoring) {
    }

    /** Training ends before its last epoch, for the reason given (early stopping, the schedule's end). */
    default void stopped(String reason) {
    }

    /** The learning-rate schedule changed eta, from epoch {@code fromEpoch} on. */
    default void etaChanged(double eta, int fromEpoch) {
    }

    /** Whether this listener wants {@link #epochDone}'s monitoring after every epoch (it costs a pass over the training data). */
    default boolean wantsMonitoring() {
        return false;
    }

    /** The epoch is over: evaluated, monitored, and the validation plan has decided on it (its state given). */
    default void epochEnded(EpochResult result, ValidationPlan.State plan) {
    }

    TrainingListener NONE = new TrainingListener() {
    };

    /** Tells every listener, in the order given. */
    static TrainingListener all(TrainingListener... listeners) {
        return new TrainingListener() {
            @Override
            public void stepStarting(int epoch, int step, int steps) {
                for (TrainingListener l : listeners) {
                    l.stepStarting(epoch, step, steps);
                }
            }

            @Override
            public void stepDone(int epoch, int step, int steps) {
                for (TrainingListener l : listeners) {
                    l.stepDone(epoch, step, steps);
                }
            }

            @Override
            public void epochDone(EpochResult result, Monitoring monitoring) {
                for (TrainingListener l : listeners) {
                    l.epochDone(result, monitoring);
                }
            }

            @Override
            public void epochEnded(EpochResult result, ValidationPlan.State plan) {
                for (TrainingListener l : listeners) {
                    l.epochEnded(result, plan);
                }
            }

            @Override
            public void stopped(String reason) {
                for (TrainingListener l : listeners) {
                    l.stopped(reason);
                }
            }

            @Override
            public void etaChanged(double eta, int fromEpoch) {
                for (TrainingListener l : listeners) {
                    l.etaChanged(eta, fromEpoch);
                }
            }

            @Override
            public boolean wantsMonitoring() {
                for (TrainingListener l : listeners) {
                    if (l.wantsMonitoring()) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
