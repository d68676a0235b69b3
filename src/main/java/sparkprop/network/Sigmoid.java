package sparkprop.network;

/** The book's neuron: the logistic function and its derivative (network.py's {@code sigmoid}, {@code sigmoid_prime}). */
public final class Sigmoid {

    private Sigmoid() {
    }

    /** σ(z) = 1 / (1 + e^−z). */
    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * σ'(z) = σ(z)(1 − σ(z)), network.py's {@code sigmoid_prime}: the factor that BP1 and BP2 multiply
     * by. Backprop takes the same number from the activation it already has ({@link #sigmoidPrimeOfActivation}).
     */
    public static double sigmoidPrime(double z) {
        double s = sigmoid(z);
        return s * (1.0 - s);
    }

    /**
     * σ'(z) from the activation a = σ(z) that the forward pass already computed: a(1 − a), the same
     * number as {@link #sigmoidPrime}(z) without a second exponential.
     */
    public static double sigmoidPrimeOfActivation(double a) {
        return a * (1.0 - a);
    }
}
