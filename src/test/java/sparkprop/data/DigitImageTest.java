package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.io.StoragePath;

/** Real MNIST digits drawn into PNG files, light on dark or dark on light and larger, come back as MNIST-like inputs. */
public class DigitImageTest {


    @TempDir
    Path dir;

    /** Writes a test image as a PNG: {@code factor} times larger, dark on light when {@code invert}. */
    public static Path png(double[] inputs, Path file, int factor, boolean invert) throws IOException {
        BufferedImage image = new BufferedImage(28 * factor, 28 * factor, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28 * factor; y++) {
            for (int x = 0; x < 28 * factor; x++) {
                double ink = inputs[(y / factor) * 28 + x / factor];
                int grey = (int) Math.round(255 * (invert ? 1 - ink : ink));
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void mnistDigitsSurviveTheTripThroughAPicture() throws IOException {
        SampleBlock test = Mnist.open(StoragePath.of(Project.realMnist()), 0).test().read();
        for (int i = 0; i < 50; i++) {
            double[] original = test.select(new int[] {i}).inputs().data;
            double[] lightOnDark = DigitImage.read(png(original, dir.resolve(i + ".png"), 1, false));
            double[] darkOnLightLarger = DigitImage.read(png(original, dir.resolve(i + "-big.png"), 4, true));
            assertTrue(cosine(original, lightOnDark) > 0.9, "image " + i + ": " + cosine(original, lightOnDark));
            assertTrue(cosine(original, darkOnLightLarger) > 0.8, "image " + i + " inverted and 4× larger: " + cosine(original, darkOnLightLarger));
            double[] centre = centreOfMass(darkOnLightLarger);
            assertEquals(14.0, centre[0], 0.5, "row of the centre of mass, image " + i);
            assertEquals(14.0, centre[1], 0.5, "column of the centre of mass, image " + i);
        }
    }

    @Test
    void blankSmallAndNonImageFilesAreRefused() throws IOException {
        Path blank = png(new double[784], dir.resolve("blank.png"), 2, true);
        assertEquals(blank + ": expected a digit, found a blank picture",
                assertThrows(BadDataException.class, () -> DigitImage.read(blank)).getMessage());
        Path small = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        assertEquals(small + ": expected at least 28×28 pixels, found 20×20",
                assertThrows(BadDataException.class, () -> DigitImage.read(small)).getMessage());
        Path text = Files.writeString(dir.resolve("digit.png"), "not a picture");
        assertEquals(text + ": expected a PNG image, found a file no image reader recognizes",
                assertThrows(BadDataException.class, () -> DigitImage.read(text)).getMessage());
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static double[] centreOfMass(double[] inputs) {
        double mass = 0, row = 0, column = 0;
        for (int i = 0; i < inputs.length; i++) {
            mass += inputs[i];
            row += (i / 28) * inputs[i];
            column += (i % 28) * inputs[i];
        }
        return new double[] {row / mass, column / mass};
    }
}
