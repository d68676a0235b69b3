package sparkprop.training;

import sparkprop.network.Gradient;
import sparkprop.network.Network;

/** nablaW and nablaB summed over a mini-batch's members (global sample indices), wherever they are computed. */
@FunctionalInterface
public interface MiniBatchGradient {

    Gradient summedGradient(Network network, int[] members);
}
