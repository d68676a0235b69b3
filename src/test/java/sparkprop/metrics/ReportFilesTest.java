package sparkprop.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.BadDataException;
import sparkprop.io.StoragePath;

/** Metrics files read back as they were written, and the PNG of their curves. */
class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void aMetricsFileReadsBackWhatMetricsFileWrote() throws IOException {
        Path file = dir.resolve("a.csv");
        MetricsFile metrics = new MetricsFile(StoragePath.of(file), 0.5);
        metrics.epochDone(new EpochResult(0, 9000, 10000, 12.5, 5000), new Monitoring(0.75, 0.91, 0.905));
        metrics.etaChanged(0.25, 1);
        metrics.epochDone(new EpochResult(1, 9200, 10000, 11.0, 5000), new Monitoring(0.5, 0.93, Double.NaN));
        RunCurve run = RunCurve.read(StoragePath.of(file));
        assertEquals("a.csv", run.name());
        assertArrayEquals(new double[] {0, 1}, run.epochs());
        assertArrayEquals(new double[] {0.75, 0.5}, run.trainingCost(), 1e-6);
        assertArrayEquals(new double[] {0.91, 0.93}, run.trainingAccuracy(), 1e-4);
        assertEquals(0.905, run.validationAccuracy()[0], 1e-4);
        assertTrue(Double.isNaN(run.validationAccuracy()[1]));
        assertArrayEquals(new double[] {0.9, 0.92}, run.testAccuracy(), 1e-4);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "readable by its owner only");
    }

    @Test
    void badMetricsFilesAreNamedByLine() throws IOException {
        assertRefused("", ": line 1: expected the header " + MetricsFile.HEADER + ", found an empty file");
        assertRefused("epoch,accuracy\n0,0.9\n", ": line 1: expected the header " + MetricsFile.HEADER + ", found 'epoch,accuracy'");
        assertRefused(MetricsFile.HEADER + "\n", ": expected at least one epoch's line after the header, found none");
        assertRefused(MetricsFile.HEADER + "\n0,1,2,3,4,5,6,7\n0,1,2\n", ": line 3: expected 8 comma-separated values (" + MetricsFile.HEADER
                + "), found 3");
        assertRefused(MetricsFile.HEADER + "\n0,1,2,3,x,5,6,7\n", ": line 2, training_cost: expected a number, found 'x'");
    }

    @Test
    void curvesOfTwoRunsAreDrawnInTheirColoursOnBothPanels() throws IOException {
        RunCurve a = new RunCurve("a.csv", new double[] {0, 1, 2}, new double[] {0.9, 0.6, 0.5}, new double[] {0.8, 0.9, 0.93},
                new double[] {0.8, 0.88, 0.9}, new double[] {0.81, 0.89, 0.91});
        RunCurve b = new RunCurve("b.csv", new double[] {0, 1}, new double[] {0.7, 0.4}, new double[] {0.85, 0.95},
                new double[] {Double.NaN, Double.NaN}, new double[] {0.86, 0.94});
        Path png = dir.resolve("curves.png");
        CurvesChart.write(List.of(a, b), StoragePath.of(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * CurvesChart.PANEL_WIDTH, image.getWidth());
        assertEquals(CurvesChart.HEIGHT, image.getHeight());
        for (int run = 0; run < 2; run++) {
            assertTrue(countPixels(image, CurvesChart.colour(run), 0, CurvesChart.PANEL_WIDTH) > 50, "run " + run + " on the accuracy panel");
            assertTrue(countPixels(image, CurvesChart.colour(run), CurvesChart.PANEL_WIDTH, 2 * CurvesChart.PANEL_WIDTH) > 50, "run " + run + " on the cost panel");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temporary file left beside the PNG");
        }
    }

    private static int countPixels(BufferedImage image, Color colour, int fromX, int toX) {
        int count = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private void assertRefused(String content, String expectedAfterFile) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content);
        assertEquals(file + expectedAfterFile, assertThrows(BadDataException.class, () -> RunCurve.read(StoragePath.of(file))).getMessage());
    }
}
