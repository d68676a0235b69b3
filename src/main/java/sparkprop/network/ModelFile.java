package sparkprop.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

/**
 * A trained network as a JSON file in network2.py's layout, so that network2.py's {@code load()}
 * reads it: {@code sizes}, {@code weights[l][j][k]} (from neuron k of layer l to neuron j of layer
 * l+1), {@code biases[l][j]} as one-element lists, and {@code cost} as network2.py's class name
 * ({@code QuadraticCost} or {@code CrossEntropyCost}). One more key, which network2.py's {@code load()}
 * ignores, says how the network was trained to see its inputs: {@code targets}, the value of
 * {@code --targets} ({@code book}, or {@code rashid} for Rashid's input scaling and targets); a file
 * without it is taken as {@code book}.
 */
public final class ModelFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A network, the cost it was trained with and the --targets value it was trained with. */
    public record Model(Network network, Cost cost, String targets) {
    }

    private ModelFile() {
    }

    /** Writes the model to a temporary file beside {@code file}, then renames it: never half a file. */
    public static void write(StoragePath file, Network network, Cost cost, String targets) {
        Map<String, Object> json = new LinkedHashMap<>();
        int[] sizes = network.sizes();
        json.put("sizes", sizes);
        List<double[][]> weights = new ArrayList<>();
        List<double[][]> biases = new ArrayList<>();
        for (int l = 0; l < network.layers(); l++) {
            double[][] w = new double[sizes[l + 1]][sizes[l]];
            double[][] b = new double[sizes[l + 1]][1];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int k = 0; k < sizes[l]; k++) {
                    w[j][k] = network.weight(l, j, k);
                }
                b[j][0] = network.bias(l, j);
            }
            weights.add(w);
            biases.add(b);
        }
        json.put("weights", weights);
        json.put("biases", biases);
        json.put("cost", cost == Cost.CROSS_ENTROPY ? "CrossEntropyCost" : "QuadraticCost");
        json.put("targets", targets);
        try {
            file.writeAtomically(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new WriteFailedException(file, e, "an earlier file of that name is as it was");
        }
    }

    /** Reads a model file; every problem is an {@link InvalidModelException} naming the file and what is wrong. */
    public static Model read(StoragePath file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.readAllBytes());
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(file + ": expected JSON, found an error at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidModelException(file + ": cannot be read: " + StoragePath.firstLine(e));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidModelException(file + ": expected a JSON object with sizes, weights, biases and cost, found "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        int[] sizes = ints(file, json, "sizes");
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw new InvalidModelException(file + ": sizes: expected at least two positive layer sizes, found " + Arrays.toString(sizes));
        }
        int layers = sizes.length - 1;
        JsonNode w = array(file, json, "weights", layers);
        JsonNode b = array(file, json, "biases", layers);
        double[][][] weights = new double[layers][][];
        double[][] biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            JsonNode rows = expectArray(file, w.get(l), "weights[" + l + "]", sizes[l + 1]);
            JsonNode biasRows = expectArray(file, b.get(l), "biases[" + l + "]", sizes[l + 1]);
            weights[l] = new double[sizes[l + 1]][];
            biases[l] = new double[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                JsonNode row = expectArray(file, rows.get(j), "weights[" + l + "][" + j + "]", sizes[l]);
                weights[l][j] = new double[sizes[l]];
                for (int k = 0; k < sizes[l]; k++) {
                    weights[l][j][k] = number(file, row.get(k), "weights[" + l + "][" + j + "][" + k + "]");
                }
                JsonNode bias = expectArray(file, biasRows.get(j), "biases[" + l + "][" + j + "]", 1);
                biases[l][j] = number(file, bias.get(0), "biases[" + l + "][" + j + "][0]");
            }
        }
        String costName = json.path("cost").asText("");
        Cost cost = switch (costName) {
            case "QuadraticCost" -> Cost.QUADRATIC;
            case "CrossEntropyCost" -> Cost.CROSS_ENTROPY;
            default -> throw new InvalidModelException(file + ": cost: expected QuadraticCost or CrossEntropyCost, found '" + costName + "'");
        };
        JsonNode targets = json.path("targets");
        if (!targets.isMissingNode() && !targets.isTextual()) {
            throw new InvalidModelException(file + ": targets: expected a name such as book or rashid, found " + targets);
        }
        return new Model(Network.of(sizes, weights, biases), cost, targets.asText("book"));
    }

    private static int[] ints(StoragePath file, JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isArray()) {
            throw new InvalidModelException(file + ": " + field + ": expected a list of layer sizes, found " + (node == null ? "nothing" : node));
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isInt()) {
                throw new InvalidModelException(file + ": " + field + "[" + i + "]: expected a whole number, found " + node.get(i));
            }
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    private static JsonNode array(StoragePath file, JsonNode json, String field, int length) {
        return expectArray(file, json.get(field), field, length);
    }

    private static JsonNode expectArray(StoragePath file, JsonNode node, String where, int length) {
        if (node == null || !node.isArray() || node.size() != length) {
            throw new InvalidModelException(file + ": " + where + ": expected a list of " + length + " (from sizes), found "
                    + (node == null ? "nothing" : node.isArray() ? "a list of " + node.size() : node.getNodeType().toString().toLowerCase()));
        }
        return node;
    }

    private static double number(StoragePath file, JsonNode node, String where) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new InvalidModelException(file + ": " + where + ": expected a finite number, found " + node);
        }
        return node.asDouble();
    }
}
