package sparkprop.data;

/**
 * Images as stored: one byte (0 to 255) per pixel, samples one after another, each pixel scaled
 * when it is handed out by a 256-entry table of {@link PixelScale#input} (so the activations are
 * those of scaling at read time, bit for bit).
 */
public record PixelInputs(int inputSize, byte[] pixels, PixelScale scale) implements SampleInputs {

    public PixelInputs {
        if (inputSize <= 0 || pixels.length % inputSize != 0) {
            throw new IllegalArgumentException("expected whole images of " + inputSize + " pixels, found " + pixels.length + " bytes");
        }
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
}
