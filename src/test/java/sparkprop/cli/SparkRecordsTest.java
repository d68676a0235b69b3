package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.IdxWriter;
import sparkprop.data.LocalSpark;
import sparkprop.io.StoragePath;
import sparkprop.metrics.DriverLog;
import sparkprop.metrics.EpochFigures;
import sparkprop.metrics.EventLog;
import sparkprop.metrics.RunTable;

/**
 * A run read back from Spark's own records: the JSON driver log and the event log give the same
 * epochs as the plain log's book lines, and report draws them; a record that is not one is refused
 * with one line and no PNG.
 */
class SparkRecordsTest {

    @TempDir
    Path dir;

    @Test
    void theJsonLogAndTheEventLogGiveThePlainLinesFigures() throws IOException {
        Path data = dir.resolve("data");
        IdxWriter.writeDigits(data, 300, 50, 6, 1, false);
        Path events = Files.createDirectory(dir.resolve("events"));
        Path metrics = dir.resolve("m.csv");
        String plainText;
        String jsonText;
        System.setProperty("spark.eventLog.enabled", "true");
        System.setProperty("spark.eventLog.dir", events.toUri().toString());
        try (LogCapture plain = new LogCapture(); LogCapture json = LogCapture.json()) {
            assertEquals(0, Main.run("--data", data.toString(), "--sizes", "36,20,10", "--epochs", "3", "--partitions", "2",
                    "--cost", "cross-entropy", "--lambda", "1", "--eta", "0.5", "--metrics", metrics.toString()));
            plainText = plain.text();
            jsonText = json.text();
        } finally {
            System.clearProperty("spark.eventLog.enabled");
            System.clearProperty("spark.eventLog.dir");
        }
        List<EpochFigures> fromPlain = plainText.lines().map(EpochFigures::fromPlainLine).filter(f -> f != null).toList();
        assertEquals(3, fromPlain.size(), plainText);
        Path jsonLog = Files.writeString(dir.resolve("driver.json"), jsonText);

        List<RunTable> runs = LocalSpark.apply(spark -> {
            List<RunTable> read = new java.util.ArrayList<>(DriverLog.read(List.of(StoragePath.of(jsonLog)), () -> spark));
            read.addAll(EventLog.read(List.of(StoragePath.of(events)), spark));
            return read;
        });
        assertEquals(2, runs.size());
        List<EpochFigures> fromJson = runs.get(0).epochs();
        List<EpochFigures> fromEvents = runs.get(1).epochs();
        for (int e = 0; e < 3; e++) {
            EpochFigures book = fromPlain.get(e);
            for (EpochFigures other : List.of(fromJson.get(e), fromEvents.get(e))) {
                assertEquals(book.epoch(), other.epoch());
                assertEquals(book.correct(), other.correct());
                assertEquals(book.total(), other.total());
                assertEquals(book.steps(), other.steps());
            }
            assertEquals(book.seconds(), fromJson.get(e).seconds(), 0.05, "the JSON line's seconds, to the plain line's one decimal");
            // The event log's epoch runs from its first step's job to its evaluation's end; the driver's clock brackets both.
            assertTrue(fromEvents.get(e).seconds() > 0 && fromEvents.get(e).seconds() <= book.seconds() + 0.05,
                    fromEvents.get(e) + " against " + book);
            assertEquals(0.5, fromJson.get(e).eta(), 0.0);
            // Monitoring: the JSON context (6 significant digits) and the event log's accumulators (with the L2 term of the
            // job's description) give the same training cost.
            assertEquals(fromJson.get(e).trainingCost(), fromEvents.get(e).trainingCost(), 1e-5 * fromJson.get(e).trainingCost());
            assertEquals(fromJson.get(e).trainingAccuracy(), fromEvents.get(e).trainingAccuracy(), 1e-6);
            assertTrue(fromJson.get(e).trainingCost() > 0);
        }
        String metricsLines = Files.readString(metrics);
        assertTrue(metricsLines.contains(String.format(java.util.Locale.ROOT, "%.6f", fromEvents.get(2).trainingCost())), metricsLines);

        Path png = dir.resolve("curves.png");
        String out = StandardOutput.ofSuccessful("report", "--log", jsonLog.toString(), "--event-log", events.toString(), "--out", png.toString());
        assertTrue(Files.size(png) > 1000);
        EpochFigures best = fromPlain.stream().max(java.util.Comparator.comparingInt(EpochFigures::correct)).orElseThrow();
        assertEquals(2, out.lines().filter(line -> line.contains("best: epoch " + best.epoch() + ", " + best.correct() + " / 50")).count(), out);
    }

    @Test
    void recordsThatAreNotOnesAreRefusedWithOneLineAndNoPng() throws IOException {
        Path png = dir.resolve("curves.png");
        Path truncated = Files.writeString(dir.resolve("truncated.json"), "Launch Command: \"java\" ...\n"
                + "{\"ts\":\"2026-12-01T10:00:00.000Z\",\"level\":\"INFO\",\"msg\":\"Epoch 0: 40 / 50 (1.0 s, 30 steps, 33.33 ms/step)\","
                + "\"context\":{\"correct\":\"40\",\"epoch\":\"0\",\"seconds\":\"1.0\",\"steps\":\"30\",\"total\":\"50\"},\"logger\":\"sparkprop\"}\n"
                + "{\"ts\":\"2026-12-01T10:00:01.000Z\",\"level\":\"INFO\",\"msg\":\"Epoch 1: 41 / 50 (1.0 s, 30 st\n");
        MainTest.assertFails(Main.FAILURE, "sparkprop: " + truncated + ": line 3: expected a JSON object (a structured log line), found a line"
                + " that does not parse: '{\"ts\"", "report", "--log", truncated.toString(), "--out", png.toString());
        Path noEpochs = Files.writeString(dir.resolve("driver.log"), "10:00:00 INFO  sparkprop: configuration: sizes [784, 30, 10]\n");
        MainTest.assertFails(Main.FAILURE, "sparkprop: " + noEpochs + ": expected a driver log with epoch lines ('Epoch 0: 9012 / 10000 ...'),"
                + " found none", "report", "--log", noEpochs.toString(), "--out", png.toString());
        Path notEvents = Files.createDirectory(dir.resolve("events"));
        Files.writeString(notEvents.resolve("local-1"), "epoch,seconds\n");
        MainTest.assertFails(Main.FAILURE, "sparkprop: " + notEvents.resolve("local-1") + ": line 1: expected a Spark event log's first event,"
                + " SparkListenerLogStart, found 'epoch,seconds'", "report", "--event-log", notEvents.toString(), "--out", png.toString());
        assertFalse(Files.exists(png));
    }
}
