package sparkprop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sparkprop.metrics.CurvesChart;
import sparkprop.metrics.RunCurve;

/**
 * {@code submit/train report --metrics A.csv [B.csv ...] --out curves.png}: the accuracy and cost
 * curves of one or several runs' {@code --metrics} files on one PNG, to compare runs by looking.
 * Runs in the driver; no Spark job.
 */
final class ReportCommand {

    static final String USAGE = "usage: submit/train report --metrics FILE [FILE ...] --out PNG";

    private ReportCommand() {
    }

    static void run(String... args) {
        List<Path> metrics = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--metrics" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        metrics.add(Path.of(args[++i]));
                    }
                }
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--out: expected a PNG file after it, found the end of the command line (" + USAGE + ")");
                    }
                    out = Path.of(args[++i]);
                }
                default -> throw new UsageException("report: unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (metrics.isEmpty()) {
            throw new UsageException("report: expected --metrics with at least one file, found none; " + USAGE);
        }
        if (out == null || !out.getFileName().toString().endsWith(".png")) {
            throw new UsageException("report: expected --out FILE.png, found " + (out == null ? "none" : out) + "; " + USAGE);
        }
        List<RunCurve> runs = new ArrayList<>();
        for (Path file : metrics) {
            runs.add(RunCurve.read(file));
        }
        CurvesChart.write(runs, out);
        System.out.printf("%s: %d run(s), %s%n", out, runs.size(), describe(runs));
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
