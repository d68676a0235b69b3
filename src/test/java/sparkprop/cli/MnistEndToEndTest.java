package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import sparkprop.Project;

/**
 * The application on real MNIST (data/mnist, fetched by data/fetch-mnist), on a slice small enough
 * for the test suite: the first 3,000 training images, 2 epochs, the whole test set, local[2].
 */
class MnistEndToEndTest {


    @Test
    void trainsOnASliceOfRealMnistAndLogsEveryEpoch() {
        System.setProperty("spark.master", "local[2]");
        try (LogCapture log = new LogCapture()) {
            int status = Main.run("--data", Project.realMnist().toString(), "--train-size", "3000", "--epochs", "2", "--seed", "3");
            String text = log.text();
            assertEquals(0, status, text);
            assertTrue(text.contains("master local[2], 2 partitions"), text);
            List<Integer> correct = new ArrayList<>();
            Matcher epoch = Pattern.compile("Epoch (\\d+): (\\d+) / 10000 \\(").matcher(text);
            while (epoch.find()) {
                assertEquals(correct.size(), Integer.parseInt(epoch.group(1)));
                correct.add(Integer.parseInt(epoch.group(2)));
            }
            assertEquals(2, correct.size(), text);
            // 3,000 images are 6% of the book's training set; two epochs still get most digits right.
            assertTrue(correct.get(1) > 7000, text);
        } finally {
            System.clearProperty("spark.master");
        }
    }
}
