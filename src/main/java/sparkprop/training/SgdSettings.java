package sparkprop.training;

import java.io.Serializable;

import sparkprop.data.DistortionPass;
import sparkprop.data.ElasticDistortion;
import sparkprop.network.Cost;
import sparkprop.network.Precision;
import sparkprop.network.Targets;

/**
 * The arguments of network.py's {@code SGD(training_data, epochs, mini_batch_size, eta)} and
 * network2.py's additions (the cost and the L2 parameter {@code lambda}), the targets (the book's
 * one-hot vectors or Rashid's 0.01/0.99), chapter 3's momentum coefficient μ (0: none), plus the seed that fixes
 * the initial weights and every epoch's shuffle, an optional target test accuracy at which
 * training stops (0: none), the distortion of each training image each time it is drawn
 * (null: none; {@code --distort}), and the precision of the steps and of the test accuracy ({@code --precision}).
 */
public record SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy, Cost cost, double lambda,
                          Targets targets, double momentum, ElasticDistortion distortion, Precision precision) implements Serializable {

    /** Settings in the book's double precision. */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy, Cost cost, double lambda,
                       Targets targets, double momentum, ElasticDistortion distortion) {
        this(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, momentum, distortion, Precision.FLOAT64);
    }

    /** Settings without distortions: the training images as they are. */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy, Cost cost, double lambda,
                       Targets targets, double momentum) {
        this(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, momentum, null);
    }

    /** Settings without momentum (μ = 0: the book's plain SGD). */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy, Cost cost, double lambda,
                       Targets targets) {
        this(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, 0);
    }

    /** Settings with the book's one-hot targets. */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy, Cost cost, double lambda) {
        this(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, Targets.ONE_HOT);
    }

    /** The book's chapter-1 settings (quadratic cost, no regularization), with no target accuracy. */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed) {
        this(epochs, miniBatchSize, eta, seed, 0);
    }

    /** The book's chapter-1 settings (quadratic cost, no regularization). */
    public SgdSettings(int epochs, int miniBatchSize, double eta, long seed, double targetAccuracy) {
        this(epochs, miniBatchSize, eta, seed, targetAccuracy, Cost.QUADRATIC, 0);
    }

    public SgdSettings {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, found " + epochs);
        }
        if (miniBatchSize <= 0) {
            throw new IllegalArgumentException("miniBatchSize must be positive, found " + miniBatchSize);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be a positive number, found " + eta);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be zero or positive, found " + lambda);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be at least 0 and below 1, found " + momentum);
        }
        if (!(targetAccuracy >= 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("targetAccuracy must be between 0 and 1, found " + targetAccuracy);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be given");
        }
    }

    /** The same settings with another learning rate (the schedule's halving). */
    public SgdSettings withEta(double newEta) {
        return new SgdSettings(epochs, miniBatchSize, newEta, seed, targetAccuracy, cost, lambda, targets, momentum, distortion, precision);
    }

    /** The same settings with another momentum coefficient μ. */
    public SgdSettings withMomentum(double mu) {
        return new SgdSettings(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, mu, distortion, precision);
    }

    /** The same settings with each training image distorted afresh each time it is drawn (null: none). */
    public SgdSettings withDistortion(ElasticDistortion newDistortion) {
        return new SgdSettings(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, momentum, newDistortion, precision);
    }

    /** The same settings with the local steps in another precision. */
    public SgdSettings withPrecision(Precision newPrecision) {
        return new SgdSettings(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets, momentum, distortion, newPrecision);
    }

    /** Epoch {@code epoch}'s distortions of the training images, null without them. */
    public DistortionPass distortions(int epoch) {
        return distortion == null ? null : new DistortionPass(distortion, seed, epoch);
    }

    /** Whether an epoch with this test accuracy ends training. */
    public boolean reached(double accuracy) {
        return targetAccuracy > 0 && accuracy >= targetAccuracy;
    }
}
