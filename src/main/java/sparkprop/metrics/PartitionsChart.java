package sparkprop.metrics;

import java.awt.Color;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import sparkprop.io.StoragePath;

/**
 * Accuracy against the number of partitions (submit/bench --partitions) on one PNG: on the left the
 * epochs each block rule took to a target accuracy, on the right its test accuracy after a given
 * number of epochs, both against P on a log-2 axis, one colour per rule and the sequential trainer
 * dashed in black (the exact mode's weights are the sequential trainer's for any P).
 */
public final class PartitionsChart {

    /** One rule's medians, one per partition count; NaN where the target was not reached. */
    public record RuleCurve(String rule, double[] partitions, double[] epochsToTarget, double[] accuracyAfter) {
    }

    private PartitionsChart() {
    }

    public static void write(String title, String target, int afterEpochs, List<RuleCurve> rules, RuleCurve sequential, StoragePath out) {
        System.setProperty("java.awt.headless", "true");
        XYChart epochs = CurvesChart.chart(title + ": epochs to " + target, "partitions P", "epochs (median of the seeds)");
        XYChart accuracy = CurvesChart.chart(title + ": test accuracy after " + afterEpochs + " epochs", "partitions P",
                "accuracy (%, median of the seeds)");
        double largest = sequential.partitions()[sequential.partitions().length - 1];
        for (XYChart chart : List.of(epochs, accuracy)) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisMin(1.0).setXAxisMax(largest); // from P = 1 (the sequential trainer), whatever is drawn
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // under the plot, which keeps the panel's width
        }
        for (int r = 0; r < rules.size(); r++) {
            RuleCurve rule = rules.get(r);
            CurvesChart.addSeries(epochs, rule.rule(), rule.partitions(), rule.epochsToTarget(), CurvesChart.colour(r), false);
            CurvesChart.addSeries(accuracy, rule.rule(), rule.partitions(), CurvesChart.percent(rule.accuracyAfter()), CurvesChart.colour(r), false);
        }
        CurvesChart.addSeries(epochs, sequential.rule(), sequential.partitions(), sequential.epochsToTarget(), Color.BLACK, true);
        CurvesChart.addSeries(accuracy, sequential.rule(), sequential.partitions(), CurvesChart.percent(sequential.accuracyAfter()), Color.BLACK,
                true);
        CurvesChart.writeSideBySide(epochs, accuracy, out);
    }
}
