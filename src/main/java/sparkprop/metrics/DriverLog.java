package sparkprop.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LogUtils;

import scala.jdk.javaapi.CollectionConverters;
import sparkprop.data.BadDataException;
import sparkprop.io.StoragePath;

/**
 * A run's epochs read back from its driver's log, as {@code report --log} reads them: a plain log
 * (the book's epoch lines) or a JSON one (Spark's structured-logging layout, read with Spark SQL
 * and {@link LogUtils#SPARK_LOG_SCHEMA}, each epoch's figures taken from its line's context map).
 * A path may be a directory, such as a cluster-mode driver's {@code work/.../driver-*}: each
 * file under it that holds epoch lines is a run. Lines of other writers (a worker writes the
 * driver's launch command into its stderr) are passed over; a JSON line that does not parse is an error.
 */
public final class DriverLog {

    private static final String CORRUPT = "_corrupt_record";

    private DriverLog() {
    }

    /** The runs in {@code paths}, in the order given (a directory's files in name order); {@code spark} is asked for only for JSON. */
    public static List<RunTable> read(List<StoragePath> paths, Supplier<SparkSession> spark) {
        List<RunTable> runs = new ArrayList<>();
        for (StoragePath path : paths) {
            if (isDirectory(path)) {
                List<RunTable> found = new ArrayList<>();
                for (StoragePath file : filesUnder(path)) {
                    // A driver's directory holds the application jar beside its logs: files that are not text are passed over.
                    RunTable run = isText(file) ? readFile(file, spark) : null;
                    if (run != null && !run.epochs().isEmpty()) {
                        found.add(run);
                    }
                }
                if (found.isEmpty()) {
                    throw new BadDataException(path + ": expected a driver log with epoch lines ('Epoch 0: 9012 / 10000 ...') in a file under"
                            + " it, found none");
                }
                runs.addAll(found);
            } else {
                RunTable run = readFile(path, spark);
                if (run.epochs().isEmpty()) {
                    throw new BadDataException(path + ": expected a driver log with epoch lines ('Epoch 0: 9012 / 10000 ...'), found none");
                }
                runs.add(run);
            }
        }
        return runs;
    }

    private static boolean isDirectory(StoragePath path) {
        try {
            return path.isDirectory();
        } catch (IOException e) {
            throw new BadDataException(path + ": expected a driver log or a directory of them, found it unreadable (" + StoragePath.firstLine(e) + ")", e);
        }
    }

    private static List<StoragePath> filesUnder(StoragePath directory) {
        try {
            return directory.filesUnder();
        } catch (IOException e) {
            throw new BadDataException(directory + ": expected a readable directory of driver logs, found " + e, e);
        }
    }

    /** Whether the file's first 4 KiB are UTF-8 text without NUL bytes. */
    private static boolean isText(StoragePath file) {
        try (InputStream in = file.open()) {
            byte[] head = in.readNBytes(4096);
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(head, 0, head.length < 4096 ? head.length
                    : lastLineEnd(head)));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the last whole line of a prefix ends, so that a character cut in two at the prefix's end is not taken for bad bytes. */
    private static int lastLineEnd(byte[] head) {
        for (int i = head.length - 1; i >= 0; i--) {
            if (head[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** One file's epochs (none if it has no epoch lines). */
    private static RunTable readFile(StoragePath file, Supplier<SparkSession> spark) {
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(file.readAllBytes())).toString().lines().toList();
        } catch (MalformedInputException e) {
            throw new BadDataException(file + ": expected a driver log of text lines, found bytes that are not UTF-8", e);
        } catch (IOException e) {
            throw new BadDataException(file + ": expected a readable driver log, found " + e, e);
        }
        boolean json = lines.stream().anyMatch(line -> line.startsWith("{"));
        return new RunTable(file.toString(), json ? fromJson(file, lines, spark.get()) : fromPlainText(lines));
    }

    private static List<EpochFigures> fromPlainText(List<String> lines) {
        List<EpochFigures> epochs = new ArrayList<>();
        for (String line : lines) {
            EpochFigures figures = EpochFigures.fromPlainLine(line);
            if (figures != null) {
                epochs.add(figures);
            }
        }
        return epochs;
    }

    /** Spark SQL reads the file as Spark's log schema; the lines whose context names an epoch are the run's epochs. */
    private static List<EpochFigures> fromJson(StoragePath file, List<String> lines, SparkSession spark) {
        Dataset<Row> log = spark.read().schema(LogUtils.SPARK_LOG_SCHEMA() + ", " + CORRUPT + " STRING")
                .option("columnNameOfCorruptRecord", CORRUPT).json(file.uri());
        List<Row> rows = log.select("context", "logger", CORRUPT).collectAsList();
        List<EpochFigures> epochs = new ArrayList<>();
        for (Row row : rows) {
            String corrupt = row.getString(2);
            if (corrupt != null) {
                if (corrupt.startsWith("{")) {
                    throw new BadDataException(file + ": line " + (lines.indexOf(corrupt) + 1) + ": expected a JSON object (a structured log line),"
                            + " found a line that does not parse: '" + shorten(corrupt) + "'");
                }
                continue;
            }
            if (row.isNullAt(0) || !"sparkprop".equals(row.getString(1))) {
                continue;
            }
            Map<String, String> context = CollectionConverters.asJava(row.<String, String>getMap(0));
            if (context.containsKey(EpochFigures.EPOCH) && context.containsKey("correct")) {
                epochs.add(EpochFigures.fromContext(context, file.toString()));
            }
        }
        return epochs;
    }

    private static String shorten(String line) {
        return line.length() <= 80 ? line : line.substring(0, 40) + " ... " + line.substring(line.length() - 35);
    }
}
