package sparkprop.metrics;

/**
 * What network2.py's {@code monitor_*} flags report after an epoch, besides the test accuracy: the
 * cost on the training data (its mean, plus the L2 term ½(λ/n)Σ‖w‖²), the accuracy on the
 * training data, and the accuracy on the validation data (NaN when there is none).
 */
public record Monitoring(double trainingCost, double trainingAccuracy, double validationAccuracy) {

    /** From the scores of the training and validation data, and the L2 term. */
    public static Monitoring of(Score training, Score validation, double l2Term) {
        return new Monitoring(training.meanCost() + l2Term, training.accuracy(), validation.accuracy());
    }
}
