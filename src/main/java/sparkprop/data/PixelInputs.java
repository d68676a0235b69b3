package sparkprop.data;

/**
 * Images as stored: one byte (0 to 255) per pixel, row by row, {@code width} pixels a row, images
 * one after another, each pixel scaled when it is handed out by a 256-entry table of
 * {@link PixelScale#input} (so the activations are those of scaling at read time, bit for bit).
 */
public record PixelInputs(int inputSize, int width, byte[] pixels, PixelScale scale) implements SampleInputs {

    public PixelInputs {
        if (inputSize <= 0 || pixels.length % inputSize != 0 || width <= 0 || inputSize % width != 0) {
            throw new IllegalArgumentException("expected whole images of " + inputSize + " pixels in rows of " + width + ", found "
                    + pixels.length + " bytes");
        }
    }

    /** Square images (28 × 28 for MNIST); rows of all the pixels when the count is not a square. */
    public static int widthOf(int inputSize) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        return side * side == inputSize ? side : inputSize;
    }

    @Override
    public int count() {
        return pixels.length / inputSize;
    }

    @Override
    public void copySample(int sample, double[] column, int offset) {
        double[] levels = scale.levels();
        int start = sample * inputSize;
        for (int k = 0; k < inputSize; k++) {
            column[offset + k] = levels[pixels[start + k] & 0xFF];
        }
    }

    @Override
    public void copySample(int sample, float[] column, int offset) {
        float[] levels = scale.floatLevels();
        int start = sample * inputSize;
        for (int k = 0; k < inputSize; k++) {
            column[offset + k] = levels[pixels[start + k] & 0xFF];
        }
    }

    /** The distorted image's intensities, each scaled as a pixel would be ({@link PixelScale#fromUnit}). */
    @Override
    public void copyDistorted(int sample, ElasticDistortion distortion, long seed, double[] column, int offset) {
        distortion.distort(pixels, sample * inputSize, width, inputSize / width, seed, column, offset);
        for (int k = 0; k < inputSize; k++) {
            column[offset + k] = scale.fromUnit(column[offset + k]);
        }
    }
}
