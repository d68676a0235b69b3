package sparkprop.training;

import java.io.Serializable;

import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * How the driver of local SGD ({@code --sync-every K}) turns the partitions' weights into a step of
 * its own: blockwise model-update filtering (Chen and Huo, "Scalable training of deep learning
 * machines by incremental block training with intra-block parallel optimization and blockwise
 * model-update filtering", ICASSP 2016).
 *
 * <p>Each synchronization is a block. The partitions start from the broadcast weights w₀, take K
 * steps each, and their mean w̄ is the block's result; its move G = w̄ − w₀ is filtered like a
 * gradient step with momentum: Δ → μ_b·Δ + ζ·G, w → w + Δ. ζ is the block learning rate and μ_b
 * the block momentum; the next block starts from the Nesterov look-ahead w + μ_b·Δ (or, without
 * {@code lookAhead}, from w itself: classical momentum on the blocks). Plain
 * averaging (Zinkevich et al. 2010) is ζ = 1, μ_b = 0. Averaging P partitions' moves makes one
 * move over P·m samples with the step of m, about 1/P of what the same samples taken in sequence
 * would do; μ_b = 1 − 1/P makes up for that over the blocks (the paper's rule).
 */
public record BlockUpdate(double step, double momentum, boolean lookAhead) implements Serializable {

    /** Plain averaging of the partitions' weights. */
    public static final BlockUpdate AVERAGE = new BlockUpdate(1, 0);

    /** With the Nesterov look-ahead (the paper's choice). */
    public BlockUpdate(double step, double momentum) {
        this(step, momentum, true);
    }

    public BlockUpdate {
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("the block learning rate must be a positive number, found " + step);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the block momentum must be at least 0 and below 1, found " + momentum);
        }
    }

    /** The weights the partitions start the next block from: w + μ_b·Δ (w itself when μ_b = 0 or without the look-ahead). */
    Network start(Network network, Velocity blockVelocity) {
        if (momentum == 0 || !lookAhead) {
            return network;
        }
        Network start = network.copy();
        start.addScaled(momentum, blockVelocity);
        return start;
    }

    /** The driver's step after a block that went from {@code start} to the partitions' mean {@code average}. */
    void apply(Network network, Velocity blockVelocity, Network average, Network start) {
        blockVelocity.accumulate(momentum, step, average, start);
        network.addScaled(1, blockVelocity);
    }
}
