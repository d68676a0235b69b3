package sparkprop.network;

/**
 * The two costs of the book, each with its output error δ^L (BP1) and its value for one sample.
 * network.py uses the quadratic cost; network2.py adds the cross-entropy cost of chapter 3, whose
 * δ^L has no σ'(z) factor, so saturated output neurons still learn.
 */
public enum Cost {

    /** C = ½‖y − a^L‖² (equation 6); BP1: δ^L = (a^L − y) ⊙ σ'(z^L). */
    QUADRATIC("quadratic") {
        @Override
        public double outputError(double a, double y) {
            return (a - y) * Sigmoid.sigmoidPrimeOfActivation(a);
        }

        @Override
        public double value(double a, double y) {
            return 0.5 * (a - y) * (a - y);
        }
    },

    /** C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] (equation 63); δ^L = a^L − y (equation 66). */
    CROSS_ENTROPY("cross-entropy") {
        @Override
        public double outputError(double a, double y) {
            return a - y;
        }

        @Override
        public double value(double a, double y) {
            // network2.py's np.nan_to_num: 0 · ln 0 counts as 0, and ln 0 as the most negative double.
            return -(term(y, a) + term(1 - y, 1 - a));
        }

        private double term(double weight, double activation) {
            if (weight == 0) {
                return 0;
            }
            double log = Math.log(activation);
            return weight * (Double.isInfinite(log) ? -Double.MAX_VALUE : log);
        }
    };

    private final String optionName;

    Cost(String optionName) {
        this.optionName = optionName;
    }

    /** δ^L_j for one output neuron: activation a = σ(z), target y. */
    public abstract double outputError(double a, double y);

    /** The cost of one output neuron's activation a for target y. */
    public abstract double value(double a, double y);

    /** The name on the command line: quadratic or cross-entropy. */
    public String optionName() {
        return optionName;
    }

    public static Cost fromOptionName(String name) {
        for (Cost cost : values()) {
            if (cost.optionName.equals(name)) {
                return cost;
            }
        }
        throw new IllegalArgumentException("no cost named " + name);
    }
}
