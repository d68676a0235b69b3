package sparkprop.cli;

import java.util.List;
import java.util.Map;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.metrics.ConfusionMatrix;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;

/**
 * {@code submit/train evaluate --model FILE [--data DIR]}: a saved network's accuracy on the 10,000
 * test images (scaled as the model file's {@code targets} says it was trained), and its confusion
 * matrix. Runs in the driver; no Spark job is needed for 10,000 images.
 */
final class EvaluateCommand {

    static final String USAGE = "usage: submit/train evaluate --model FILE [--data DIR]";

    private EvaluateCommand() {
    }

    /** Prints the result to standard output. */
    static void run(String... args) {
        Map<String, String> options = SubcommandOptions.parse("evaluate", USAGE, List.of("--model", "--data"), args);
        if (!options.containsKey("--model")) {
            throw new UsageException("evaluate: expected --model FILE, found none; " + USAGE);
        }
        StoragePath model = StoragePath.of(options.get("--model"));
        StoragePath data = StoragePath.of(options.getOrDefault("--data", "data/mnist"));
        ModelFile.Model saved = ModelFile.read(model);
        Network network = saved.network();
        // The test images are scaled as the network saw its training images.
        Mnist mnist = Mnist.open(data, 0, TrainOptions.TargetChoice.ofModel(saved, model).pixelScale());
        Main.checkLayersFitData(network.sizes(), mnist);
        SampleBlock test = mnist.test().read();
        ConfusionMatrix confusion = new ConfusionMatrix(10);
        int[] answers = test.classify(network);
        for (int i = 0; i < answers.length; i++) {
            confusion.add(test.label(i), answers[i]);
        }
        System.out.printf("%s on %s: %d / %d (%.2f%%)%n", model, mnist.test().images(), confusion.correct(), confusion.total(),
                100.0 * confusion.correct() / confusion.total());
        System.out.print(confusion.table());
    }
}
