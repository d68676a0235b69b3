package sparkprop.network;

import java.io.Serializable;

/**
 * The desired output activations y for a label: {@code on} for the label's neuron and {@code off}
 * for the others. The book uses one-hot vectors (0 and 1); Rashid's book uses 0.01 and 0.99, which
 * a sigmoid can reach.
 */
public record Targets(double off, double on) implements Serializable {

    /** The book's y(x): a unit vector. */
    public static final Targets ONE_HOT = new Targets(0.0, 1.0);

    /** Make Your Own Neural Network's targets. */
    public static final Targets RASHID = new Targets(0.01, 0.99);

    /** y_j for a sample of the given label. */
    public double value(int label, int j) {
        return j == label ? on : off;
    }
}
