package sparkprop.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One run's per-epoch figures as read back from Spark's records (a driver log or an event log), for
 * {@code submit/train report}: printed as a table and drawn as {@link CurvesChart} draws a metrics file.
 *
 * @param name   what identifies the run: its application id, or the log file it came from
 * @param epochs in the order the run logged them
 */
public record RunTable(String name, List<EpochFigures> epochs) {

    /** The epoch with the most correct, the first of equals (as {@link RunSummary} picks it). */
    public EpochFigures best() {
        return epochs.stream().max(Comparator.comparingInt(EpochFigures::correct)
                .thenComparing(Comparator.comparingInt(EpochFigures::epoch).reversed())).orElseThrow();
    }

    /** The curves to draw: the same columns as a metrics file gives. */
    public RunCurve curve() {
        int n = epochs.size();
        double[] epoch = new double[n];
        double[] trainingCost = new double[n];
        double[] trainingAccuracy = new double[n];
        double[] validationAccuracy = new double[n];
        double[] testAccuracy = new double[n];
        for (int i = 0; i < n; i++) {
            EpochFigures e = epochs.get(i);
            epoch[i] = e.epoch();
            trainingCost[i] = e.trainingCost();
            trainingAccuracy[i] = e.trainingAccuracy();
            validationAccuracy[i] = e.validationAccuracy();
            testAccuracy[i] = e.testAccuracy();
        }
        return new RunCurve(name, epoch, trainingCost, trainingAccuracy, validationAccuracy, testAccuracy);
    }

    /** The table, one line per epoch (figures the run did not compute shown as -), then the best epoch. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(name);
        lines.add("  epoch  correct / total  seconds  steps  ms/step  training cost  training accuracy  validation accuracy");
        for (EpochFigures e : epochs) {
            lines.add(String.format(Locale.ROOT, "  %5d  %7d / %-5d  %7.1f  %5d  %7.2f  %13s  %17s  %19s", e.epoch(), e.correct(), e.total(),
                    e.seconds(), e.steps(), e.millisPerStep(), figure("%.4f", e.trainingCost()),
                    figure("%.2f%%", 100 * e.trainingAccuracy()), figure("%.2f%%", 100 * e.validationAccuracy())));
        }
        EpochFigures best = best();
        lines.add(String.format(Locale.ROOT, "  best: epoch %d, %d / %d (%.2f%%)", best.epoch(), best.correct(), best.total(),
                100 * best.testAccuracy()));
        return lines;
    }

    private static String figure(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
