package sparkprop.training;

import sparkprop.data.BatchBuffer;
import sparkprop.data.DistortionPass;
import sparkprop.data.SampleBlock;
import sparkprop.network.Backprop;
import sparkprop.network.FloatNetwork;
import sparkprop.network.Gradient;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Velocity;

/**
 * A run of the book's steps on weights of one's own: a partition's local steps between two
 * synchronizations of local SGD, or the sequential trainer's epoch in float32. It starts from a
 * copy of the given weights and computes in the run's {@link Precision}; {@link #network()} gives
 * the weights reached, in double.
 */
abstract class LocalSteps {

    /** Steps from {@code start} (which is not changed) with {@code settings}' rule; n is the size of the training set (L2's n). */
    static LocalSteps from(Network start, SgdSettings settings, int n) {
        return settings.precision() == Precision.FLOAT32 ? new InFloat(start, settings, n) : new InDouble(start, settings, n);
    }

    /**
     * Assembles the mini-batch of {@code members} from {@code block} (each image distorted as
     * {@code distortions} says; null: as it is) in the steps' own precision, and takes one step of
     * the book's rule on it. The batches of one run of steps share one buffer.
     */
    abstract void take(SampleBlock block, int[] members, DistortionPass distortions);

    /** The weights after the steps taken so far, in double. */
    abstract Network network();

    /**
     * Backprop's summed gradient and {@link Network#update}, with chapter 3's momentum when the
     * settings have it: each run of local steps carries a velocity of its own, from 0.
     */
    private static final class InDouble extends LocalSteps {

        private final Network local;
        private final SgdSettings settings;
        private final int n;
        private final Gradient sum = Gradient.zero();
        private final Velocity velocity;
        private final BatchBuffer buffer = new BatchBuffer();

        InDouble(Network start, SgdSettings settings, int n) {
            this.local = start.copy();
            this.settings = settings;
            this.n = n;
            this.velocity = settings.momentum() > 0 ? Velocity.zero(local.sizes()) : null;
        }

        @Override
        void take(SampleBlock block, int[] members, DistortionPass distortions) {
            Backprop.addGradient(local, block.select(members, distortions, buffer), settings.cost(), settings.targets(), sum.clear());
            local.update(sum, settings.eta(), settings.lambda(), n, settings.momentum(), velocity);
        }

        @Override
        Network network() {
            return local;
        }
    }

    /** The same step in float ({@link FloatNetwork}); momentum is not implemented there, and the options refuse it. */
    private static final class InFloat extends LocalSteps {

        private final FloatNetwork local;
        private final SgdSettings settings;
        private final int n;
        private final BatchBuffer buffer = new BatchBuffer();

        InFloat(Network start, SgdSettings settings, int n) {
            if (settings.momentum() > 0) {
                throw new IllegalArgumentException("float32 steps take no momentum, found " + settings.momentum());
            }
            this.local = FloatNetwork.of(start);
            this.settings = settings;
            this.n = n;
        }

        @Override
        void take(SampleBlock block, int[] members, DistortionPass distortions) {
            local.step(block.selectInFloat(members, distortions, buffer), settings.cost(), settings.targets(), settings.eta(), settings.lambda(), n);
        }

        @Override
        Network network() {
            return local.toNetwork();
        }
    }
}
