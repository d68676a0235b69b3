package sparkprop.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import sparkprop.data.BadDataException;
import sparkprop.io.StoragePath;
import sparkprop.training.SparkData;

/**
 * Runs read back from Spark's event log alone, as {@code report --event-log} reads them. Each epoch
 * left there: the job group {@code epoch E} of its steps (the first step's description, "epoch E,
 * step 1/N", gives the step count and the epoch's start), the evaluation job "epoch E: evaluating
 * on ..." whose stage's accumulators are {@value SparkData#TEST_CORRECT} and
 * {@value SparkData#TEST_SAMPLES}, and the monitoring jobs, whose stages count the training cost
 * and accuracy (their description carries the driver's L2 term). The files are read as Spark
 * wrote them (rolled {@code eventlog_v2_*} directories or single files, compressed or not); the
 * few lines that hold these events are picked out while reading and then read with Spark SQL.
 */
public final class EventLog {

    private static final Set<String> CODECS = Set.of("zstd", "lz4", "lzf", "snappy");
    private static final String SCHEMA = "`Event` STRING, `App ID` STRING, `App Name` STRING, `Properties` MAP<STRING, STRING>,"
            + " `Stage IDs` ARRAY<INT>, `Submission Time` BIGINT, `Stage Info` STRUCT<`Stage ID`: INT, `Completion Time`: BIGINT,"
            + " `Accumulables`: ARRAY<STRUCT<`Name`: STRING, `Value`: STRING>>>";
    private static final Pattern EPOCH_JOB = Pattern.compile("^epoch (\\d+)(?:, (?:step|synchronization) 1/(\\d+)|: (evaluating|monitoring).*)$");
    private static final Pattern L2 = Pattern.compile(", " + SparkData.L2_TERM + " (\\S+)$");

    private EventLog() {
    }

    /** The applications in {@code paths}: each an application's event log, or a directory of them (spark.eventLog.dir). */
    public static List<RunTable> read(List<StoragePath> paths, SparkSession spark) {
        List<RunTable> runs = new ArrayList<>();
        for (StoragePath path : paths) {
            for (List<StoragePath> application : applications(path)) {
                runs.add(readApplication(application, spark));
            }
        }
        return runs;
    }

    /** Each application's files, in order: a rolled log's events_N files by N, or a single file. */
    private static List<List<StoragePath>> applications(StoragePath path) {
        try {
            return applicationsIn(path);
        } catch (IOException e) {
            throw new BadDataException(path + ": expected a readable event log or directory of them, found " + StoragePath.firstLine(e), e);
        }
    }

    private static List<List<StoragePath>> applicationsIn(StoragePath path) throws IOException {
        if (!path.exists()) {
            throw new BadDataException(path + ": expected a Spark event log or a directory of them, found nothing there");
        }
        if (path.isFile() || isRolled(path)) {
            return List.of(files(path));
        }
        List<List<StoragePath>> applications = new ArrayList<>();
        for (StoragePath entry : path.list()) {
            if (isRolled(entry) || (entry.isFile() && !entry.name().startsWith("."))) {
                applications.add(files(entry));
            }
        }
        if (applications.isEmpty()) {
            throw new BadDataException(path + ": expected a Spark event log (an application's eventlog_v2_* directory or file), found none");
        }
        return applications;
    }

    private static boolean isRolled(StoragePath path) throws IOException {
        return path.name().startsWith("eventlog_v2_") && path.isDirectory();
    }

    private static List<StoragePath> files(StoragePath application) throws IOException {
        if (application.isFile()) {
            return List.of(application);
        }
        List<StoragePath> events = application.list().stream().filter(f -> f.name().startsWith("events_"))
                .sorted(Comparator.comparingInt(EventLog::rollIndex)).toList();
        if (events.isEmpty()) {
            throw new BadDataException(application + ": expected a rolled event log's events_N_* files, found none");
        }
        return events;
    }

    private static int rollIndex(StoragePath file) {
        String[] parts = file.name().split("_");
        return parts.length > 1 && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : Integer.MAX_VALUE;
    }

    private static RunTable readApplication(List<StoragePath> files, SparkSession spark) {
        List<String> kept = new ArrayList<>();
        for (StoragePath file : files) {
            keepEpochEvents(file, file == files.get(0), kept);
        }
        Dataset<Row> events = spark.read().schema(SCHEMA).json(spark.createDataset(kept, Encoders.STRING())).cache();
        Row app = events.filter(col("Event").equalTo("SparkListenerApplicationStart")).select("App ID", "App Name").first();
        Dataset<Row> jobs = events.filter(col("Event").equalTo("SparkListenerJobStart"))
                .select(col("Properties").getItem("spark.job.description").as("description"), explode(col("Stage IDs")).as("stage"),
                        col("Submission Time").as("submitted"));
        Dataset<Row> stages = events.filter(col("Event").equalTo("SparkListenerStageCompleted"))
                .select(col("Stage Info.Stage ID").as("stage"), col("Stage Info.Completion Time").as("completed"),
                        col("Stage Info.Accumulables").as("accumulables"));
        List<Row> rows = jobs.join(stages, jobs.col("stage").equalTo(stages.col("stage")), "left")
                .select(jobs.col("description"), col("submitted"), col("completed"), col("accumulables")).collectAsList();
        events.unpersist();
        String name = app.getString(0) + " (" + app.getString(1) + ")";
        List<EpochFigures> epochs = epochs(rows);
        if (epochs.isEmpty()) {
            throw new BadDataException(files.get(0) + ": expected the evaluation jobs of sparkprop's epochs ('epoch 0: evaluating on ...')"
                    + " in application " + name + ", found none");
        }
        return new RunTable(name, epochs);
    }

    /** Reads one file, line by line, keeping the lines of the events {@link #readApplication} uses. */
    private static void keepEpochEvents(StoragePath file, boolean first, List<String> kept) {
        try (InputStream in = open(file); BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (first && number == 1 && !line.startsWith("{\"Event\":\"SparkListenerLogStart\"")) {
                    throw new BadDataException(file + ": line 1: expected a Spark event log's first event, SparkListenerLogStart, found '"
                            + (line.length() > 60 ? line.substring(0, 60) + " ..." : line) + "'");
                }
                if (line.startsWith("{\"Event\":\"SparkListenerApplicationStart\"")
                        || line.startsWith("{\"Event\":\"SparkListenerJobStart\"") && line.contains("\"spark.job.description\":\"epoch ")
                        || line.startsWith("{\"Event\":\"SparkListenerStageCompleted\"") && line.contains(" " + SparkData.CORRECT + "\"")) {
                    kept.add(line);
                }
            }
        } catch (IOException e) {
            throw new BadDataException(file + ": expected a readable Spark event log, found " + e, e);
        }
    }

    /** The file's bytes, through Spark's codec when its name ends in one (as Spark names compressed event logs). */
    private static InputStream open(StoragePath file) throws IOException {
        String name = file.name().replaceFirst("\\.inprogress$", "");
        String extension = name.substring(name.lastIndexOf('.') + 1);
        InputStream in = file.open();
        if (!CODECS.contains(extension)) {
            return in;
        }
        try {
            return CompressionCodec.createCodec(new SparkConf(false), extension).compressedContinuousInputStream(in);
        } catch (RuntimeException e) {
            in.close();
            throw new BadDataException(file + ": expected a " + extension + "-compressed event log, found " + e.getMessage(), e);
        }
    }

    /** One epoch per evaluation job, with its steps and start from the first step's job and the monitoring jobs' figures. */
    private static List<EpochFigures> epochs(List<Row> rows) {
        Map<Integer, Epoch> byEpoch = new TreeMap<>();
        for (Row row : rows) {
            String description = row.getString(0);
            Matcher m = description == null ? null : EPOCH_JOB.matcher(description);
            if (m == null || !m.matches()) {
                continue;
            }
            Epoch epoch = byEpoch.computeIfAbsent(Integer.parseInt(m.group(1)), Epoch::new);
            if (m.group(2) != null) {
                epoch.steps = Integer.parseInt(m.group(2));
                epoch.start = row.getLong(1);
            } else if (!row.isNullAt(3)) {
                Map<String, String> values = new TreeMap<>();
                for (Row accumulable : row.<Row>getList(3)) {
                    values.put(accumulable.getString(0), accumulable.getString(1));
                }
                epoch.add(values, row.isNullAt(2) ? Long.MIN_VALUE : row.getLong(2), description);
            }
        }
        return byEpoch.values().stream().filter(e -> e.total > 0).map(Epoch::figures).toList();
    }

    /** What one epoch's jobs say, gathered as their rows come. */
    private static final class Epoch {
        final int number;
        int steps;
        long start = Long.MIN_VALUE;
        long evaluated = Long.MIN_VALUE;
        int correct;
        int total;
        double trainingCost = Double.NaN;
        double trainingAccuracy = Double.NaN;
        double validationAccuracy = Double.NaN;

        Epoch(int number) {
            this.number = number;
        }

        void add(Map<String, String> values, long completed, String description) {
            if (values.containsKey(SparkData.TEST_CORRECT)) {
                correct = Integer.parseInt(values.get(SparkData.TEST_CORRECT));
                total = Integer.parseInt(values.get(SparkData.TEST_SAMPLES));
                evaluated = completed;
            }
            if (values.containsKey(SparkData.accumulator("training", SparkData.COST_SUM))) {
                double samples = figure(values, "training", SparkData.SAMPLES);
                Matcher l2 = L2.matcher(description);
                trainingCost = figure(values, "training", SparkData.COST_SUM) / samples + (l2.find() ? Double.parseDouble(l2.group(1)) : 0);
                trainingAccuracy = figure(values, "training", SparkData.CORRECT) / samples;
            }
            if (values.containsKey(SparkData.accumulator("validation", SparkData.CORRECT))) {
                validationAccuracy = figure(values, "validation", SparkData.CORRECT) / figure(values, "validation", SparkData.SAMPLES);
            }
        }

        /** The value of the data set's accumulator counting {@code figure}. */
        private static double figure(Map<String, String> values, String data, String figure) {
            return Double.parseDouble(values.get(SparkData.accumulator(data, figure)));
        }

        EpochFigures figures() {
            double seconds = start == Long.MIN_VALUE || evaluated == Long.MIN_VALUE ? Double.NaN : (evaluated - start) / 1000.0;
            return new EpochFigures(number, correct, total, seconds, steps, Double.NaN, trainingCost, trainingAccuracy, validationAccuracy);
        }
    }
}
