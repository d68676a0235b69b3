package sparkprop.training;

/**
 * The arguments of network.py's {@code SGD(training_data, epochs, mini_batch_size, eta)}, plus the
 * seed that fixes the initial weights and every epoch's shuffle.
 */
public record SgdSettings(int epochs, int miniBatchSize, double eta, long seed) {

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
    }
}
