package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import sparkprop.Project;
import sparkprop.io.StoragePath;

/** The distortions of Simard et al.: a function of the seed alone, the identity when nothing moves, and still the same digit. */
class ElasticDistortionTest {

    private static final int SIDE = 28;

    private static byte[] firstImages(int count) {
        StoragePath images = StoragePath.of(Project.realMnist()).resolve(Mnist.TRAIN_IMAGES);
        return IdxFile.records(images, IdxFile.header(images), 0, count);
    }

    @Test
    void withoutMovementTheImageIsItsPixelsOver255() {
        byte[] image = firstImages(1);
        double[] out = new double[SIDE * SIDE];
        new ElasticDistortion(0, 4, 0, 0, 0).distort(image, 0, SIDE, SIDE, 7, out, 0);
        for (int i = 0; i < out.length; i++) {
            assertEquals((image[i] & 0xFF) / 255.0, out[i], 0.0, "pixel " + i);
        }
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        byte[] image = firstImages(1);
        double[] a = new double[SIDE * SIDE];
        double[] b = new double[SIDE * SIDE];
        double[] c = new double[SIDE * SIDE];
        ElasticDistortion.SIMARD.distort(image, 0, SIDE, SIDE, ElasticDistortion.seedOf(1, 0, 0), a, 0);
        ElasticDistortion.SIMARD.distort(image, 0, SIDE, SIDE, ElasticDistortion.seedOf(1, 0, 0), b, 0);
        ElasticDistortion.SIMARD.distort(image, 0, SIDE, SIDE, ElasticDistortion.seedOf(1, 1, 0), c, 0);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c), "epoch 1 distorts image 0 otherwise than epoch 0");
        assertTrue(ElasticDistortion.seedOf(1, 0, 1) != ElasticDistortion.seedOf(1, 0, 0));
    }

    /**
     * Over 200 digits the ink is kept on average (within 10%; a thin stroke stretched across or
     * squeezed may gain or lose half), no digit vanishes or doubles, and the centre of mass moves by
     * less than 2 pixels on average and 5 at most (the smoothed field moves neighbouring pixels
     * together, so a whole digit can shift).
     */
    @Test
    void aDistortedDigitIsStillTheDigitMoved() {
        int count = 200;
        byte[] images = firstImages(count);
        double[] out = new double[SIDE * SIDE];
        double changed = 0;
        double totalRatio = 0;
        double totalMoved = 0;
        for (int n = 0; n < count; n++) {
            ElasticDistortion.SIMARD.distort(images, n * SIDE * SIDE, SIDE, SIDE, ElasticDistortion.seedOf(3, 0, n), out, 0);
            double[] original = new double[SIDE * SIDE];
            for (int i = 0; i < original.length; i++) {
                original[i] = (images[n * SIDE * SIDE + i] & 0xFF) / 255.0;
                changed += Math.abs(original[i] - out[i]);
            }
            double ratio = sum(out) / sum(original);
            totalRatio += ratio;
            assertTrue(ratio > 0.4 && ratio < 2, "image " + n + ": ink ratio " + ratio);
            double[] from = centre(original);
            double[] to = centre(out);
            double moved = Math.hypot(from[0] - to[0], from[1] - to[1]);
            totalMoved += moved;
            assertTrue(moved < 5, "image " + n + ": centre moved from " + Arrays.toString(from) + " to " + Arrays.toString(to));
        }
        assertTrue(Math.abs(totalRatio / count - 1) < 0.1, "mean ink ratio " + totalRatio / count);
        assertTrue(totalMoved / count < 2, "mean shift of the centre " + totalMoved / count);
        assertTrue(changed / count > 10, "the images do change: mean absolute change per image " + changed / count);
    }

    private static double sum(double[] image) {
        return Arrays.stream(image).sum();
    }

    private static double[] centre(double[] image) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < image.length; i++) {
            x += image[i] * (i % SIDE);
            y += image[i] * (i / SIDE);
        }
        return new double[] {x / sum(image), y / sum(image)};
    }
}
