package sparkprop.network;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sparkprop.data.SampleBlock;

/**
 * A golden file from ../shared/golden (copied to test resources): a network, samples and
 * hyper-parameters, and what the book's own network.py computed from them.
 */
public record Golden(String name, JsonNode json) {

    public static Golden load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource golden/" + name);
            }
            return new Golden(name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int[] sizes() {
        return ints(json.get("sizes"));
    }

    /** The initial network. */
    public Network network() {
        return network("weights", "biases");
    }

    /** The network after one epoch, as network.py left it. */
    public Network networkAfterEpoch() {
        return network("weightsAfterEpoch", "biasesAfterEpoch");
    }

    /** The first mini-batch's summed gradient as a network-shaped object: weights = nablaW, biases = nablaB. */
    public Network firstMiniBatchSummedNabla() {
        return network("firstMiniBatchSummedNablaW", "firstMiniBatchSummedNablaB");
    }

    public SampleBlock samples() {
        JsonNode inputs = json.get("inputs");
        double[][] x = new double[inputs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = doubles(inputs.get(i));
        }
        return SampleBlock.of(0, x, ints(json.get("labels")));
    }

    public int miniBatchSize() {
        return json.get("miniBatchSize").asInt();
    }

    public double eta() {
        return json.get("eta").asDouble();
    }

    /** The cost: "quadratic" or "crossentropy" in the golden files. */
    public Cost cost() {
        String name = json.get("cost").asText();
        return name.equals("crossentropy") ? Cost.CROSS_ENTROPY : Cost.fromOptionName(name);
    }

    public double lambda() {
        return json.get("lambda").asDouble();
    }

    /** The training set size n of the L2 term. */
    public int n() {
        return json.get("n").asInt();
    }

    private Network network(String weightsKey, String biasesKey) {
        JsonNode w = json.get(weightsKey);
        JsonNode b = json.get(biasesKey);
        double[][][] weights = new double[w.size()][][];
        double[][] biases = new double[b.size()][];
        for (int l = 0; l < w.size(); l++) {
            weights[l] = new double[w.get(l).size()][];
            for (int j = 0; j < w.get(l).size(); j++) {
                weights[l][j] = doubles(w.get(l).get(j));
            }
            // network2.py stores each bias as a one-element list.
            biases[l] = new double[b.get(l).size()];
            for (int j = 0; j < b.get(l).size(); j++) {
                biases[l][j] = b.get(l).get(j).get(0).asDouble();
            }
        }
        return Network.of(sizes(), weights, biases);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
