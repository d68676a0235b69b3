package sparkprop.data;

import java.io.Serializable;

/**
 * One pass of distortions over the training images (an epoch of {@code --distort}, or one stored
 * copy of {@code augment}): image {@code index} is distorted with the seed
 * {@link ElasticDistortion#seedOf}(seed, pass, index), so the same run distorts it the same way
 * whichever partition, trainer or machine draws it.
 */
public record DistortionPass(ElasticDistortion distortion, long seed, long pass) implements Serializable {

    /** The seed of sample {@code index}'s distortion in this pass. */
    public long seedOf(int index) {
        return ElasticDistortion.seedOf(seed, pass, index);
    }
}
