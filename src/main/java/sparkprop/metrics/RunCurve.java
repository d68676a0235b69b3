package sparkprop.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import sparkprop.data.BadDataException;
import sparkprop.io.StoragePath;

/**
 * One run's per-epoch figures, read back from the file that {@code --metrics} wrote ({@link MetricsFile}),
 * for {@code submit/train report}. Accuracies are fractions; a figure the run did not measure (no
 * validation images) is NaN.
 *
 * @param name the file's name, which labels the run's curves
 */
public record RunCurve(String name, double[] epochs, double[] trainingCost, double[] trainingAccuracy, double[] validationAccuracy,
                       double[] testAccuracy) {

    private static final int COLUMNS = MetricsFile.HEADER.split(",").length;

    /** Reads and checks a metrics file: its header, then one line of {@value #COLUMNS} numbers per epoch. */
    public static RunCurve read(StoragePath file) {
        List<String> lines;
        try {
            lines = file.readString().lines().toList();
        } catch (IOException e) {
            throw new BadDataException(file + ": expected a metrics file written by --metrics, found it unreadable (" + e + ")", e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(MetricsFile.HEADER)) {
            throw new BadDataException(file + ": line 1: expected the header " + MetricsFile.HEADER + ", found "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(parse(lines.get(i), file + ": line " + (i + 1)));
            }
        }
        if (rows.isEmpty()) {
            throw new BadDataException(file + ": expected at least one epoch's line after the header, found none");
        }
        double[][] columns = new double[COLUMNS][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < COLUMNS; c++) {
                columns[c][r] = rows.get(r)[c];
            }
        }
        // Columns: epoch, seconds, steps, eta, training_cost, training_accuracy, validation_accuracy, test_accuracy.
        return new RunCurve(file.name(), columns[0], columns[4], columns[5], columns[6], columns[7]);
    }

    private static double[] parse(String line, String where) {
        String[] fields = line.split(",", -1);
        if (fields.length != COLUMNS) {
            throw new BadDataException(where + ": expected " + COLUMNS + " comma-separated values (" + MetricsFile.HEADER + "), found "
                    + fields.length);
        }
        double[] values = new double[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
            try {
                values[c] = Double.parseDouble(fields[c]);
            } catch (NumberFormatException e) {
                throw new BadDataException(where + ", " + MetricsFile.HEADER.split(",")[c] + ": expected a number, found '" + fields[c] + "'");
            }
        }
        return values;
    }
}
