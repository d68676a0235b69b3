package sparkprop.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.XChartTheme;

import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

/**
 * The curves of chapter 3's plots for one or several runs on one PNG: test (and validation) accuracy
 * per epoch on the left, training cost per epoch on the right, one colour per run.
 */
public final class CurvesChart {

    public static final int PANEL_WIDTH = 800;
    public static final int HEIGHT = 600;

    private CurvesChart() {
    }

    /** Draws the runs and writes the PNG to {@code out} (atomically). */
    public static void write(List<RunCurve> runs, StoragePath out) {
        System.setProperty("java.awt.headless", "true");
        XYChart accuracy = chart("Accuracy", "accuracy (%)");
        XYChart cost = chart("Training cost", "cost (with the L2 term)");
        for (int r = 0; r < runs.size(); r++) {
            RunCurve run = runs.get(r);
            Color colour = colour(r);
            addSeries(accuracy, run.name() + " test", run.epochs(), percent(run.testAccuracy()), colour, false);
            addSeries(accuracy, run.name() + " validation", run.epochs(), percent(run.validationAccuracy()), colour, true);
            addSeries(cost, run.name(), run.epochs(), run.trainingCost(), colour, false);
        }
        writeSideBySide(accuracy, cost, out);
    }

    /** Two charts of PANEL_WIDTH × HEIGHT side by side on one PNG, written to {@code out} (atomically). */
    static void writeSideBySide(XYChart left, XYChart right, StoragePath out) {
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.drawImage(BitmapEncoder.getBufferedImage(left), 0, 0, null);
        graphics.drawImage(BitmapEncoder.getBufferedImage(right), PANEL_WIDTH, 0, null);
        graphics.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            out.writeAtomically(png.toByteArray());
        } catch (IOException e) {
            throw new WriteFailedException(out, e, "an earlier file of that name is as it was");
        }
    }

    /** Run {@code r}'s colour: XChart's series colours, made opaque so that every run's lines keep their colour where they cross. */
    public static Color colour(int r) {
        Color[] colours = new XChartTheme().getSeriesColors();
        return new Color(colours[r % colours.length].getRGB() & 0xFFFFFF);
    }

    private static XYChart chart(String title, String yTitle) {
        return chart(title, "epoch", yTitle);
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    /** Adds the measured points (NaN ones left out); a run without any adds nothing. */
    static void addSeries(XYChart chart, String name, double[] x, double[] y, Color colour, boolean dashed) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        if (dashed) {
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    static double[] percent(double[] fractions) {
        double[] values = new double[fractions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 * fractions[i];
        }
        return values;
    }
}
