package sparkprop.network;

/**
 * The floating-point precision that training's arithmetic is done in ({@code --precision}). The
 * book's numpy code computes in 64-bit doubles, and so does every default run here: the exact mode
 * stays equal to the sequential trainer. 32-bit floats, PyTorch's default, do each product's
 * multiply-adds twice as fast on the same vector registers; the weights go back to double for
 * averaging, checkpoints and saving.
 */
public enum Precision {

    /** double: the book's numbers. */
    FLOAT64("float64"),
    /** float, for the local steps of {@code --sync-every} and for the sequential trainer, and their test accuracy. */
    FLOAT32("float32");

    private final String optionName;

    Precision(String optionName) {
        this.optionName = optionName;
    }

    /** The name on the command line. */
    public String optionName() {
        return optionName;
    }

}
