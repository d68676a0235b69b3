package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.IdxWriter;
import sparkprop.data.Mnist;
import sparkprop.io.StoragePath;

/** submit/train augment as a user types it: the job, training on what it wrote, the preview, and its mistakes in one line. */
class AugmentCommandTest {

    @TempDir
    Path dir;

    @Test
    void augmentsThenTrainsOnTheAugmentedDirectoryAndRefusesToWriteOverIt() throws IOException {
        Path data = dir.resolve("digits");
        IdxWriter.writeDigits(data, 200, 50, 6, 3, false);
        Path augmented = dir.resolve("augmented");
        assertEquals(0, Main.run("augment", "--data", data.toString(), "--to", augmented.toString(), "--copies", "3", "--seed", "4"));
        assertEquals(800, Mnist.open(StoragePath.of(augmented), 0).training().size(), "200 originals and 3 copies of each");
        assertEquals(0, Main.run("--data", augmented.toString(), "--sizes", "36,20,10", "--epochs", "1", "--trainer", "sequential"));
        MainTest.assertFails(Main.FAILURE, "sparkprop: " + augmented + ": expected a new directory for the augmented data, found one that exists",
                "augment", "--data", data.toString(), "--to", augmented.toString(), "--copies", "1");
    }

    @Test
    void thePreviewIsAPicture() throws IOException {
        Path data = dir.resolve("digits");
        IdxWriter.writeDigits(data, 200, 50, 28, 3, true);
        Path png = dir.resolve("preview.png");
        String printed = StandardOutput.ofSuccessful("augment", "--data", data.toString(), "--preview", png.toString(), "--copies", "2");
        assertTrue(printed.contains("2 distorted copies"), printed);
        assertNotNull(ImageIO.read(png.toFile()), "a PNG");
        assertEquals(Files.size(png), Files.readAllBytes(png).length);
    }

    @Test
    void mistakesEndInOneLineWithTheUsage() {
        MainTest.assertFails(Main.USAGE_ERROR, "sparkprop: augment: expected one of --to DIR and --preview PNG, found neither",
                "augment", "--copies", "2");
        MainTest.assertFails(Main.USAGE_ERROR, "sparkprop: augment: expected --copies N with --to", "augment", "--to", dir.resolve("x").toString());
        MainTest.assertFails(Main.USAGE_ERROR, "sparkprop: --copies: expected a whole number of at least 1, found '0'",
                "augment", "--to", dir.resolve("x").toString(), "--copies", "0");
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }
}
