package sparkprop.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sparkprop.data.BadDataException;

/**
 * The figures of one epoch as the driver log carries them: the book's line (epoch, correct out of
 * total) with the run's time, steps and eta, and network2.py's monitoring figures when they were
 * computed (NaN when not). In a JSON log they are the {@code context} map of the epoch line, so a
 * run's table is read back without parsing text; in a plain log only the book's line is there.
 */
public record EpochFigures(int epoch, int correct, int total, double seconds, int steps, double eta, double trainingCost,
                           double trainingAccuracy, double validationAccuracy) {

    /** The context key that marks an epoch line. */
    public static final String EPOCH = "epoch";

    /** The book's line as {@link EpochResult#logLine} writes it. */
    private static final Pattern PLAIN_LINE = Pattern.compile(
            "Epoch (\\d+): (\\d+) / (\\d+) \\(([\\d.]+) s, (\\d+) steps, [\\d.]+ ms/step\\)");

    public static EpochFigures of(EpochResult result, double eta, Monitoring monitoring) {
        return new EpochFigures(result.epoch(), result.correct(), result.total(), result.seconds(), result.steps(), eta,
                monitoring == null ? Double.NaN : monitoring.trainingCost(), monitoring == null ? Double.NaN : monitoring.trainingAccuracy(),
                monitoring == null ? Double.NaN : monitoring.validationAccuracy());
    }

    public double millisPerStep() {
        return steps == 0 ? 0 : seconds * 1000 / steps;
    }

    public double testAccuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** The figures as a log event's context map (strings, as log4j's thread context holds them); NaNs are left out. */
    public Map<String, String> context() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put(EPOCH, String.valueOf(epoch));
        context.put("correct", String.valueOf(correct));
        context.put("total", String.valueOf(total));
        context.put("test_accuracy", format(testAccuracy()));
        context.put("seconds", format(seconds));
        context.put("steps", String.valueOf(steps));
        context.put("ms_per_step", format(millisPerStep()));
        context.put("eta", String.valueOf(eta));
        putIfMeasured(context, "training_cost", trainingCost);
        putIfMeasured(context, "training_accuracy", trainingAccuracy);
        putIfMeasured(context, "validation_accuracy", validationAccuracy);
        return context;
    }

    /**
     * Reads the context map of an epoch line; {@code where} names the line for the message of a
     * missing or malformed figure.
     */
    public static EpochFigures fromContext(Map<String, String> context, String where) {
        return new EpochFigures(whole(context, EPOCH, where), whole(context, "correct", where), whole(context, "total", where),
                number(context, "seconds", where), whole(context, "steps", where), optional(context, "eta", where),
                optional(context, "training_cost", where), optional(context, "training_accuracy", where),
                optional(context, "validation_accuracy", where));
    }

    /** The figures of a plain-text log line holding the book's epoch line, or null when it holds none. */
    public static EpochFigures fromPlainLine(String line) {
        Matcher m = PLAIN_LINE.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new EpochFigures(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Double.parseDouble(m.group(4)), Integer.parseInt(m.group(5)), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static void putIfMeasured(Map<String, String> context, String key, double value) {
        if (!Double.isNaN(value)) {
            context.put(key, format(value));
        }
    }

    private static String required(Map<String, String> context, String key, String where) {
        String value = context.get(key);
        if (value == null) {
            throw new BadDataException(where + ": expected the figure '" + key + "' in the epoch line's context, found none");
        }
        return value;
    }

    private static int whole(Map<String, String> context, String key, String where) {
        String value = required(context, key, where);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadDataException(where + ": " + key + ": expected a whole number, found '" + value + "'");
        }
    }

    private static double number(Map<String, String> context, String key, String where) {
        String value = required(context, key, where);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadDataException(where + ": " + key + ": expected a number, found '" + value + "'");
        }
    }

    private static double optional(Map<String, String> context, String key, String where) {
        return context.containsKey(key) ? number(context, key, where) : Double.NaN;
    }
}
