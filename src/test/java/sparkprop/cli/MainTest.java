package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.IdxWriter;
import sparkprop.data.TableWriter;
import sparkprop.io.StoragePath;

/** The command as a user meets it: exit status and the one line on standard error for each mistake. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void unknownOptionIsAUsageError() {
        assertFails(Main.USAGE_ERROR, "sparkprop: unknown option --epoch; expected one of --sizes, --epochs,", "--epoch", "3");
    }

    @Test
    void nonPositiveValuesAreRefusedByName() {
        assertFails(Main.USAGE_ERROR, "sparkprop: --eta: expected a positive number, found 0", "--eta", "0");
        assertFails(Main.USAGE_ERROR, "sparkprop: --mini-batch-size: expected a positive whole number, found -10", "--mini-batch-size", "-10");
        assertFails(Main.USAGE_ERROR, "sparkprop: --sizes: expected positive layer sizes, found 0 in '784,0,10'", "--sizes", "784,0,10");
        assertFails(Main.USAGE_ERROR, "sparkprop: --epochs: expected a positive whole number, found 'many'", "--epochs", "many");
    }

    @Test
    void missingDataDirectorySaysHowToFetch() {
        Path missing = dir.resolve("mnist");
        assertFails(Main.FAILURE, "sparkprop: data directory " + missing + " does not exist; run data/fetch-mnist", "--data", missing.toString());
    }

    @Test
    void imagesThatAreNot28By28DoNotFitTheBookInputLayer() throws IOException {
        IdxWriter.writeDigits(dir, 30, 10, 6, 1, false);
        assertFails(Main.USAGE_ERROR, "sparkprop: --sizes 784,30,10: expected an input layer of one neuron per pixel, 36 for the 6×6 images of "
                + dir.resolve("train-images-idx3-ubyte") + ", found 784", "--data", dir.toString());
    }

    @Test
    void outputLayerMustHaveOneNeuronPerDigit() throws IOException {
        IdxWriter.writeDigits(dir, 30, 10, 6, 1, false);
        assertFails(Main.USAGE_ERROR, "sparkprop: --sizes 36,30,5: expected an output layer of 10 neurons, one per digit, found 5",
                "--data", dir.toString(), "--sizes", "36,30,5");
    }

    @Test
    void helpPrintsTheOptionsAndSucceeds() {
        assertTrue(StandardOutput.ofSuccessful("--help").contains("--mini-batch-size M"));
    }

    @Test
    void sequentialTrainerRunsWithoutSparkAndLogsTheBookLines() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, true);
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "2", "--trainer", "sequential"));
            String text = log.text();
            assertTrue(text.matches("(?s).*Epoch 0: \\d+ / 50 \\(\\d+\\.\\d s, 20 steps, \\d+\\.\\d\\d ms/step\\).*"), text);
            assertTrue(text.contains("Epoch 1: "), text);
            assertTrue(text.matches("(?s).*Best: epoch \\d, \\d+ / 50 .*; 2 epochs in .*"), text);
        }
    }

    @Test
    void targetAccuracyStopsTrainingAndSaysWhen() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "5", "--trainer", "sequential",
                    "--target-accuracy", "0.01"));
            String text = log.text();
            assertTrue(text.contains("Epoch 0: ") && !text.contains("Epoch 1: "), text);
            assertTrue(text.matches("(?s).*Reached 1\\.00% after 1 epochs in \\d+\\.\\d s \\(epoch 0: \\d+ / 50\\).*"), text);
        }
    }

    @Test
    void checkpointsOfAnEarlierRunAreNeitherOverwrittenNorResumedWithOtherSettings() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        Path checkpoints = dir.resolve("checkpoints");
        String[] run = {"--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "2", "--trainer", "sequential",
                "--checkpoint-dir", checkpoints.toString()};
        assertEquals(0, Main.run(run));
        byte[] newest = java.nio.file.Files.readAllBytes(checkpoints.resolve("checkpoint-epoch-00001.bin"));

        assertFails(Main.USAGE_ERROR, "sparkprop: --checkpoint-dir " + checkpoints + ": expected no checkpoints (or --resume to continue"
                + " from them), found checkpoint-epoch-00001.bin of an earlier run", run);
        String[] otherEta = java.util.stream.Stream.concat(java.util.Arrays.stream(run), java.util.stream.Stream.of("--eta", "0.5", "--resume"))
                .toArray(String[]::new);
        assertFails(Main.USAGE_ERROR, "sparkprop: --resume: the checkpoint of epoch 1 was made with --eta 3.0, found --eta 0.5;"
                + " resume with the same settings", otherEta);
        org.junit.jupiter.api.Assertions.assertArrayEquals(newest, java.nio.file.Files.readAllBytes(checkpoints.resolve("checkpoint-epoch-00001.bin")));
    }

    /** --sync-every S/P is K = S/P local steps on P partitions: 8/P on 4 partitions trains as --sync-every 2, and says so. */
    @Test
    void stepsSharedByThePartitionsAreTheirShareOfK() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        String[] common = {"--data", dir.toString(), "--sizes", "36,20,10", "--partitions", "4", "--epochs", "2", "--seed", "4"};
        String[] shared = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--sync-every", "8/P", "--save", dir.resolve("shared.json").toString())).toArray(String[]::new);
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run(shared));
            assertTrue(log.text().contains("local SGD: --sync-every 8/P on 4 partitions: 2 local steps per synchronization"), log.text());
        }
        assertEquals(0, Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--sync-every", "2", "--save", dir.resolve("fixed.json").toString())).toArray(String[]::new)));
        assertEquals(0.0, sparkprop.network.ModelFile.read(StoragePath.of(dir.resolve("shared.json"))).network()
                .maxAbsDifference(sparkprop.network.ModelFile.read(StoragePath.of(dir.resolve("fixed.json"))).network()), 1e-12,
                "the same up to the order in which the partitions' weights are summed");
    }

    /** The command a cluster restarts (spark-submit --supervise, a second YARN attempt) starts afresh the first time and resumes after. */
    @Test
    void resumeOrStartStartsAfreshWithoutACheckpointAndResumesWithOne() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        Path checkpoints = dir.resolve("ck");
        String[] common = {"--data", dir.toString(), "--sizes", "36,20,10", "--trainer", "sequential", "--seed", "4"};
        String[] once = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--checkpoint-dir", checkpoints.toString(), "--resume-or-start", "--save", dir.resolve("a.json").toString()))
                .toArray(String[]::new);
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(once), java.util.stream.Stream.of("--epochs", "1"))
                    .toArray(String[]::new)));
            assertTrue(log.text().contains("--resume-or-start: no checkpoint in " + checkpoints + ", starting afresh"), log.text());
        }
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(once), java.util.stream.Stream.of("--epochs", "3"))
                    .toArray(String[]::new)));
            assertTrue(log.text().contains("resuming from the checkpoint of epoch 0 in " + checkpoints), log.text());
        }
        assertEquals(0, Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--epochs", "3", "--save", dir.resolve("b.json").toString())).toArray(String[]::new)));
        assertEquals(0.0, sparkprop.network.ModelFile.read(StoragePath.of(dir.resolve("a.json"))).network()
                .maxAbsDifference(sparkprop.network.ModelFile.read(StoragePath.of(dir.resolve("b.json"))).network()));
    }

    @Test
    void resumingWithNoValidCheckpointSaysSo() throws IOException {
        IdxWriter.writeDigits(dir, 30, 10, 6, 1, false);
        Path empty = dir.resolve("empty");
        assertFails(Main.FAILURE, "sparkprop: --checkpoint-dir " + empty + ": expected a valid checkpoint to resume from, found none",
                "--data", dir.toString(), "--sizes", "36,20,10", "--trainer", "sequential", "--checkpoint-dir", empty.toString(), "--resume");
    }

    @Test
    void aSavedNetworkIsEvaluatedWithItsConfusionMatrixAndTrainsOn() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        Path model = dir.resolve("model.json");
        assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "2", "--trainer", "sequential",
                "--save", model.toString()));

        String text = StandardOutput.ofSuccessful("evaluate", "--model", model.toString(), "--data", dir.toString());
        assertTrue(text.matches("(?s)" + java.util.regex.Pattern.quote(model.toString()) + " on .*: \\d+ / 50 \\(\\d+\\.\\d\\d%\\)\n"
                + "label \\\\ answer     0     1.*"), text);
        assertEquals(12, text.lines().count(), "the accuracy line, the header and ten rows: " + text);

        assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "1", "--trainer", "sequential",
                "--init-from", model.toString()));
        assertFails(Main.USAGE_ERROR, "sparkprop: --init-from " + model + ": expected a network of --sizes 36,30,10, found one of sizes 36,20,10",
                "--data", dir.toString(), "--sizes", "36,30,10", "--trainer", "sequential", "--init-from", model.toString());
    }

    @Test
    void metricsFileGetsAHeaderAndOneLinePerEpoch() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        Path metrics = dir.resolve("metrics.csv");
        assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "3", "--trainer", "sequential",
                "--metrics", metrics.toString()));
        java.util.List<String> lines = java.nio.file.Files.readAllLines(metrics);
        assertEquals(sparkprop.metrics.MetricsFile.HEADER, lines.get(0));
        assertEquals(4, lines.size(), String.join("\n", lines));
        for (int epoch = 0; epoch < 3; epoch++) {
            String[] fields = lines.get(epoch + 1).split(",");
            assertEquals(8, fields.length, lines.get(epoch + 1));
            assertEquals(String.valueOf(epoch), fields[0]);
            assertEquals("20", fields[2]);
            assertEquals("3.0", fields[3]);
            assertTrue(Double.parseDouble(fields[4]) > 0, "training cost");
            assertEquals("NaN", fields[6], "200 training images leave no validation set");
        }
    }

    @Test
    void earlyStoppingNeedsValidationImages() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        assertFails(Main.USAGE_ERROR, "sparkprop: --early-stop and --halve-eta-after: expected validation images (the training file's images"
                + " after the first 50,000), found none in " + dir.resolve("train-images-idx3-ubyte"),
                "--data", dir.toString(), "--sizes", "36,20,10", "--trainer", "sequential", "--early-stop", "3");
    }

    @Test
    void csvAndParquetDataTrainAsTheIdxFilesDo() throws IOException {
        Path idx = dir.resolve("idx");
        IdxWriter.writeDigits(idx, 200, 50, 6, 1, false);
        TableWriter.writeCsv(idx, dir.resolve("csv"), false);
        try (SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate()) {
            TableWriter.writeParquet(spark, idx, dir.resolve("parquet"), true, 2);
        }
        for (String trainer : new String[] {"spark", "sequential"}) {
            List<String> expected = epochLines(idx, trainer);
            assertEquals(2, expected.size(), expected.toString());
            assertEquals(expected, epochLines(dir.resolve("csv"), trainer), trainer);
            assertEquals(expected, epochLines(dir.resolve("parquet"), trainer), trainer);
        }
    }

    @Test
    void aBadCsvLineEndsInOneLineNamingIt() throws IOException {
        Path idx = dir.resolve("idx");
        IdxWriter.writeDigits(idx, 20, 5, 2, 1, false);
        Path csv = dir.resolve("csv");
        TableWriter.writeCsv(idx, csv, false);
        Path train = csv.resolve("mnist_train.csv");
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(train));
        lines.set(6, lines.get(6).replaceFirst(",\\d+$", ",x"));
        java.nio.file.Files.write(train, lines);
        assertFails(Main.FAILURE, "sparkprop: " + train + ": line 7, value 5: expected a whole number, found 'x'",
                "--data", csv.toString(), "--sizes", "4,5,10");
    }

    @Test
    void aNetworkTrainedOnRashidsInputsIsEvaluatedOnRashidsInputs() throws IOException {
        // Blank 2×2 images labelled 1: the book's inputs are all 0, Rashid's all 0.01. The network
        // answers 1 only when its inputs are not 0 (neuron 1's weights are 100; neuron 0's bias is 0.1).
        byte[] blank = new byte[5 * 4];
        byte[] ones = {1, 1, 1, 1, 1};
        for (String[] names : new String[][] {{"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}, {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}}) {
            IdxWriter.write(dir.resolve(names[0]), IdxWriter.idx(new int[] {5, 2, 2}, blank), false);
            IdxWriter.write(dir.resolve(names[1]), IdxWriter.idx(new int[] {5}, ones), false);
        }
        double[][] weights = new double[10][4];
        java.util.Arrays.fill(weights[1], 100.0);
        double[] biases = new double[10];
        biases[0] = 0.1;
        sparkprop.network.Network network = sparkprop.network.Network.of(new int[] {4, 10}, new double[][][] {weights}, new double[][] {biases});
        Path rashid = dir.resolve("rashid.json");
        Path book = dir.resolve("book.json");
        sparkprop.network.ModelFile.write(StoragePath.of(rashid), network, sparkprop.network.Cost.QUADRATIC, "rashid");
        sparkprop.network.ModelFile.write(StoragePath.of(book), network, sparkprop.network.Cost.QUADRATIC, "book");
        String text = StandardOutput.ofSuccessful("evaluate", "--model", rashid.toString(), "--data", dir.toString());
        assertTrue(text.lines().findFirst().orElseThrow().endsWith(": 5 / 5 (100.00%)"), text);
        text = StandardOutput.ofSuccessful("evaluate", "--model", book.toString(), "--data", dir.toString());
        assertTrue(text.lines().findFirst().orElseThrow().endsWith(": 0 / 5 (0.00%)"), text);
    }

    @Test
    void reportDrawsTheRunsOfMetricsFilesAndWritesNothingForABadOne() throws IOException {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, false);
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "2", "--trainer", "sequential", "--metrics",
                a.toString()));
        assertEquals(0, Main.run("--data", dir.toString(), "--sizes", "36,10", "--epochs", "3", "--trainer", "sequential", "--metrics",
                b.toString()));
        Path png = dir.resolve("curves.png");
        String out = StandardOutput.ofSuccessful("report", "--metrics", a.toString(), b.toString(), "--out", png.toString());
        assertTrue(out.matches(java.util.regex.Pattern.quote(png.toString()) + ": 2 run\\(s\\), a.csv best \\d+\\.\\d\\d% at epoch \\d;"
                + " b.csv best .*\\n"), out);
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0);

        Path other = dir.resolve("other.png");
        java.nio.file.Files.writeString(b, "epoch,accuracy\n");
        assertFails(Main.FAILURE, "sparkprop: " + b + ": line 1: expected the header", "report", "--metrics", a.toString(), b.toString(),
                "--out", other.toString());
        assertTrue(!java.nio.file.Files.exists(other));
        assertFails(Main.USAGE_ERROR, "sparkprop: report: expected --out FILE.png, found none", "report", "--metrics", a.toString());
    }

    /** The "Epoch N: correct / total" part of each epoch line of a 2-epoch run. */
    private static List<String> epochLines(Path data, String trainer) {
        try (LogCapture log = new LogCapture()) {
            assertEquals(0, Main.run("--data", data.toString(), "--sizes", "36,20,10", "--epochs", "2", "--trainer", trainer,
                    "--partitions", "2"));
            return log.text().lines().filter(line -> line.startsWith("Epoch ")).map(line -> line.substring(0, line.indexOf('(')))
                    .toList();
        }
    }

    static void assertFails(int status, String messageStart, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int actual;
        try {
            actual = Main.run(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(status, actual, text);
        assertTrue(text.startsWith(messageStart), text);
        assertEquals(1, text.lines().count(), "one line: " + text);
    }
}
