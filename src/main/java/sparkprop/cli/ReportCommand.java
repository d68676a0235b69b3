package sparkprop.cli;

import java.util.ArrayList;
import java.util.List;

import sparkprop.data.LocalSpark;
import sparkprop.io.StoragePath;
import sparkprop.metrics.CurvesChart;
import sparkprop.metrics.DriverLog;
import sparkprop.metrics.EventLog;
import sparkprop.metrics.RunCurve;
import sparkprop.metrics.RunTable;

/**
 * {@code submit/train report}: the accuracy and cost curves of one or several runs on one PNG, to
 * compare runs by looking, from any of the records a run leaves: the {@code --metrics} files it
 * wrote, its driver's log (plain or JSON; a file, or a directory such as a cluster-mode driver's)
 * or Spark's event log. For logs and event logs, each run's per-epoch table and best epoch are
 * printed too. Runs in the driver; JSON logs and event logs are read with Spark SQL.
 */
final class ReportCommand {

    static final String USAGE = "usage: submit/train report [--metrics FILE ...] [--log FILE|DIR ...] [--event-log DIR ...] --out PNG";

    private ReportCommand() {
    }

    static void run(String... args) {
        List<StoragePath> metrics = new ArrayList<>();
        List<StoragePath> logs = new ArrayList<>();
        List<StoragePath> eventLogs = new ArrayList<>();
        StoragePath out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--metrics" -> i = paths(args, i, metrics);
                case "--log" -> i = paths(args, i, logs);
                case "--event-log" -> i = paths(args, i, eventLogs);
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--out: expected a PNG file after it, found the end of the command line (" + USAGE + ")");
                    }
                    out = StoragePath.of(args[++i]);
                }
                default -> throw new UsageException("report: unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (metrics.isEmpty() && logs.isEmpty() && eventLogs.isEmpty()) {
            throw new UsageException("report: expected --metrics, --log or --event-log with at least one path, found none; " + USAGE);
        }
        if (out == null || !out.name().endsWith(".png")) {
            throw new UsageException("report: expected --out FILE.png, found " + (out == null ? "none" : out) + "; " + USAGE);
        }
        // Everything is read and checked before the PNG is written, so a bad input leaves no file.
        List<RunCurve> runs = new ArrayList<>();
        for (StoragePath file : metrics) {
            runs.add(RunCurve.read(file));
        }
        List<RunTable> tables = new ArrayList<>();
        if (!logs.isEmpty() || !eventLogs.isEmpty()) {
            tables = LocalSpark.apply(spark -> {
                List<RunTable> read = new ArrayList<>(DriverLog.read(logs, () -> spark));
                read.addAll(EventLog.read(eventLogs, spark));
                return read;
            });
        }
        for (RunTable table : tables) {
            table.lines().forEach(System.out::println);
            runs.add(table.curve());
        }
        CurvesChart.write(runs, out);
        System.out.printf("%s: %d run(s), %s%n", out, runs.size(), describe(runs));
    }

    /** Adds the paths after option {@code args[i]} (up to the next option); returns the index of the last one. */
    private static int paths(String[] args, int i, List<StoragePath> into) {
        int first = i;
        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            into.add(StoragePath.of(args[++i]));
        }
        if (i == first) {
            throw new UsageException(args[first] + ": expected at least one path after it, found " + (i + 1 < args.length ? args[i + 1]
                    : "the end of the command line") + "; " + USAGE);
        }
        return i;
    }

    /** Each run's best test accuracy and its epoch, for the terminal. */
    private static String describe(List<RunCurve> runs) {
        List<String> parts = new ArrayList<>();
        for (RunCurve run : runs) {
            int best = 0;
            for (int i = 1; i < run.testAccuracy().length; i++) {
                if (run.testAccuracy()[i] > run.testAccuracy()[best]) {
                    best = i;
                }
            }
            parts.add(String.format("%s best %.2f%% at epoch %d", run.name(), 100 * run.testAccuracy()[best], (int) run.epochs()[best]));
        }
        return String.join("; ", parts);
    }
}
