package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import sparkprop.io.StoragePath;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalOutputs() throws IOException {
        Network network = Network.gaussian(new int[] {6, 5, 4, 3}, 8);
        Path file = dir.resolve("model.json");
        ModelFile.write(StoragePath.of(file), network, Cost.CROSS_ENTROPY, "rashid");

        ModelFile.Model read = ModelFile.read(StoragePath.of(file));

        assertEquals(0.0, read.network().maxAbsDifference(network), "every double written in full");
        assertEquals(Cost.CROSS_ENTROPY, read.cost());
        assertEquals("rashid", read.targets());
        Batch batch = Batch.of(new double[][] {{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}}, new int[] {0});
        assertEquals(0.0, maxDifference(network.feedforward(batch.inputs()).data, read.network().feedforward(batch.inputs()).data));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void theLayoutIsNetwork2s() throws IOException {
        Network network = Network.gaussian(new int[] {3, 2}, 1);
        Path file = dir.resolve("model.json");
        ModelFile.write(StoragePath.of(file), network, Cost.QUADRATIC, "book");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("[3,2]", json.get("sizes").toString());
        assertEquals(network.weight(0, 1, 2), json.get("weights").get(0).get(1).get(2).asDouble(), "weights[l][j][k]: neuron k to neuron j");
        assertEquals(1, json.get("biases").get(0).get(1).size(), "each bias a one-element list");
        assertEquals(network.bias(0, 1), json.get("biases").get(0).get(1).get(0).asDouble());
        assertEquals("QuadraticCost", json.get("cost").asText());
        assertEquals("book", json.get("targets").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("targets");
        Files.writeString(file, json.toString());
        assertEquals("book", ModelFile.read(StoragePath.of(file)).targets(), "a file network2.py wrote has no targets: the book's");
    }

    @Test
    void brokenFilesAreRefusedWithWhatIsWrong() throws IOException {
        Path good = dir.resolve("good.json");
        ModelFile.write(StoragePath.of(good), Network.gaussian(new int[] {3, 2}, 1), Cost.QUADRATIC, "book");
        String text = Files.readString(good);

        assertRefused(text.substring(0, text.length() / 2), "expected JSON, found an error at line 1, column ");
        assertRefused(text.replace("\"sizes\":[3,2]", "\"sizes\":[3,4]"), "weights[0]: expected a list of 4 (from sizes), found a list of 2");
        assertRefused(text.replaceFirst("\\[\\[\\[(-?[0-9.E-]+),", "[[[1e999,"), "weights[0][0][0]: expected a finite number, found ");
        assertRefused(text.replace("QuadraticCost", "LogCost"), "cost: expected QuadraticCost or CrossEntropyCost, found 'LogCost'");
        assertRefused("[1, 2]", "expected a JSON object with sizes, weights, biases and cost, found ARRAY");
    }

    private void assertRefused(String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), content);
        String message = assertThrows(InvalidModelException.class, () -> ModelFile.read(StoragePath.of(file))).getMessage();
        assertTrue(message.startsWith(file + ": " + expected), message);
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
