package sparkprop.training;

import java.io.Serializable;

import sparkprop.network.Network;

/** A sum of networks' parameters and how many were added: what treeAggregate brings to the driver to average. */
final class ParameterSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private Network sum;
    private int count;

    static ParameterSum empty() {
        return new ParameterSum();
    }

    /** Adds a network (taken, not copied) or another sum into this one; returns this one. */
    ParameterSum add(Network network) {
        if (sum == null) {
            sum = network;
        } else {
            sum.add(network);
        }
        count++;
        return this;
    }

    ParameterSum add(ParameterSum other) {
        if (other.count == 0) {
            return this;
        }
        if (sum == null) {
            sum = other.sum;
        } else {
            sum.add(other.sum);
        }
        count += other.count;
        return this;
    }

    int count() {
        return count;
    }

    /** The mean of the networks added. */
    Network average() {
        sum.scale(1.0 / count);
        return sum;
    }
}
