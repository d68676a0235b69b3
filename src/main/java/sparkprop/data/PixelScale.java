package sparkprop.data;

/** How a pixel's byte (0 to 255) becomes an input activation. */
public enum PixelScale {

    /** The book's mnist_loader.py: p / 255, in [0, 1]. */
    BOOK {
        @Override
        public double fromUnit(double intensity) {
            return intensity;
        }
    },

    /** Make Your Own Neural Network: p / 255 × 0.99 + 0.01, in [0.01, 1], so that no input is exactly 0. */
    RASHID {
        @Override
        public double fromUnit(double intensity) {
            return intensity * 0.99 + 0.01;
        }
    };

    /** The input activation of a pixel value 0 to 255. */
    public double input(int pixel) {
        return fromUnit(pixel / 255.0);
    }

    /** {@link #input} of every pixel value, 0 to 255 (made once per JVM). */
    double[] levels() {
        double[] table = levels;
        if (table == null) {
            table = new double[256];
            for (int pixel = 0; pixel < 256; pixel++) {
                table[pixel] = input(pixel);
            }
            levels = table;
        }
        return table;
    }

    /** {@link #levels} each rounded to the nearest float: the inputs of {@code --precision float32} (made once per JVM). */
    float[] floatLevels() {
        float[] table = floatLevels;
        if (table == null) {
            double[] exact = levels();
            table = new float[256];
            for (int pixel = 0; pixel < 256; pixel++) {
                table[pixel] = (float) exact[pixel];
            }
            floatLevels = table;
        }
        return table;
    }

    // Filled on first use; a race fills them twice with the same values.
    private volatile double[] levels;
    private volatile float[] floatLevels;

    /** The input activation of an intensity in [0, 1] (a pixel / 255, or a resampled image's value). */
    public abstract double fromUnit(double intensity);
}
