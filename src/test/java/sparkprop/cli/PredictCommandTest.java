package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.data.DigitImageTest;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;

/** predict reads a digit from a picture the way the network reads the same MNIST image. */
class PredictCommandTest {


    @TempDir
    Path dir;

    @Test
    void picturesOfTestDigitsGetTheNetworksAnswersForTheImages() throws Exception {
        Path mnist = Project.realMnist();
        Path model = dir.resolve("model.json");
        assertEquals(0, Main.run("--data", mnist.toString(), "--train-size", "10000", "--epochs", "1", "--trainer", "sequential",
                "--save", model.toString()));
        Network network = ModelFile.read(StoragePath.of(model)).network();
        SampleBlock test = Mnist.open(StoragePath.of(mnist), 0).test().read();

        int agree = 0;
        for (int i = 0; i < 20; i++) {
            int fromImage = network.classify(test.select(new int[] {i}).inputs())[0];
            Path picture = DigitImageTest.png(test.select(new int[] {i}).inputs().data, dir.resolve(i + ".png"), 3, true);
            String output = StandardOutput.ofSuccessful("predict", "--model", model.toString(), "--image", picture.toString());
            String[] lines = output.split("\n");
            assertEquals(11, lines.length, output);
            assertTrue(lines[1].matches("0 0\\.\\d{6}"), output);
            if (lines[0].equals("digit: " + fromImage)) {
                agree++;
            }
        }
        assertTrue(agree >= 18, agree + " of 20 pictures read as their images");
    }
}
