package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import sparkprop.Project;
import sparkprop.io.StoragePath;

/** augment --preview: a row per digit, the original first, then the copies augment writes for the same seed, ink dark on white. */
class DistortionPreviewTest {

    @Test
    void eachRowShowsADigitsFirstImageThenItsDistortedCopies() throws IOException {
        Mnist mnist = Mnist.open(StoragePath.of(Project.realMnist()), 1000);
        DataSlice training = (DataSlice) mnist.training();
        int copies = 3;
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(DistortionPreview.png(training, copies, 5, ElasticDistortion.SIMARD)));
        int cell = 28 * DistortionPreview.ZOOM + DistortionPreview.GAP;
        assertEquals(2 * DistortionPreview.GAP + cell * (copies + 1), picture.getWidth());
        assertEquals(DistortionPreview.GAP + cell * 10, picture.getHeight(), "ten rows: the first 1,000 images hold every digit");

        byte[] pixels = IdxFile.records(training.imageFile(), IdxFile.header(training.imageFile()), 0, 1000);
        int[] labels = DataSlice.checkedLabels(training.labelFile(), IdxFile.header(training.labelFile()), 0, 1000);
        List<Integer> firsts = DistortionPreview.firstOfEachDigit(labels);
        for (int digit : new int[] {0, 7}) {
            int image = firsts.get(digit);
            assertEquals(digit, labels[image]);
            int top = DistortionPreview.GAP + digit * cell;
            byte[] copy2 = ElasticDistortion.SIMARD.distortedPixels(pixels, image * 784, 28, 28, ElasticDistortion.seedOf(5, 2, image));
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int inside = DistortionPreview.ZOOM / 2;
                    assertEquals(255 - (pixels[image * 784 + y * 28 + x] & 0xFF),
                            grey(picture, DistortionPreview.GAP + x * DistortionPreview.ZOOM + inside, top + y * DistortionPreview.ZOOM + inside),
                            "digit " + digit + ", original pixel " + x + "," + y);
                    assertEquals(255 - (copy2[y * 28 + x] & 0xFF),
                            grey(picture, 2 * DistortionPreview.GAP + 2 * cell + x * DistortionPreview.ZOOM + inside,
                                    top + y * DistortionPreview.ZOOM + inside), "digit " + digit + ", copy 2, pixel " + x + "," + y);
                }
            }
        }
    }

    private static int grey(BufferedImage picture, int x, int y) {
        return picture.getRaster().getSample(x, y, 0);
    }
}
