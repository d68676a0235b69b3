package sparkprop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ojalgo.matrix.store.R064Store;

import sparkprop.data.DigitImage;
import sparkprop.data.PixelScale;
import sparkprop.io.StoragePath;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;

/**
 * {@code submit/train predict --model FILE --image digit.png}: the digit a saved network reads in
 * a picture (made MNIST-like by {@link DigitImage}), and its ten output activations.
 */
final class PredictCommand {

    static final String USAGE = "usage: submit/train predict --model FILE --image digit.png";

    private PredictCommand() {
    }

    static void run(String... args) {
        Map<String, String> options = SubcommandOptions.parse("predict", USAGE, List.of("--model", "--image"), args);
        if (!options.containsKey("--model") || !options.containsKey("--image")) {
            throw new UsageException("predict: expected --model FILE and --image FILE, found "
                    + (options.containsKey("--model") ? "no --image" : "no --model") + "; " + USAGE);
        }
        StoragePath model = StoragePath.of(options.get("--model"));
        Path image = Path.of(options.get("--image"));
        ModelFile.Model saved = ModelFile.read(model);
        Network network = saved.network();
        if (network.sizes()[0] != 784 || network.sizes()[network.sizes().length - 1] != 10) {
            throw new UsageException("predict: expected a network of 784 inputs and 10 outputs, found sizes " + java.util.Arrays.toString(network.sizes()));
        }
        double[] pixels = DigitImage.read(image);
        PixelScale scale = TrainOptions.TargetChoice.ofModel(saved, model).pixelScale();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = scale.fromUnit(pixels[i]);
        }
        R064Store inputs = R064Store.wrap(pixels, 784);
        R064Store output = network.feedforward(inputs);
        double[] activations = output.data;
        System.out.println("digit: " + Network.argmax(output, 0));
        for (int j = 0; j < activations.length; j++) {
            System.out.printf("%d %.6f%n", j, activations[j]);
        }
    }
}
