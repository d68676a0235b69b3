package sparkprop.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end of a run in one line: its best epoch (the first of equals) and its total time. */
public final class RunSummary {

    private RunSummary() {
    }

    public static String of(List<EpochResult> results, double totalSeconds) {
        EpochResult best = best(results);
        return String.format("Best: epoch %d, %d / %d (%.2f%%); %d epochs in %.1f s",
                best.epoch(), best.correct(), best.total(), 100.0 * best.accuracy(), results.size(), totalSeconds);
    }

    /** The same figures as a log event's context map, for a JSON log. */
    public static Map<String, String> context(List<EpochResult> results, double totalSeconds) {
        EpochResult best = best(results);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("best_epoch", String.valueOf(best.epoch()));
        context.put("best_correct", String.valueOf(best.correct()));
        context.put("total", String.valueOf(best.total()));
        context.put("epochs", String.valueOf(results.size()));
        context.put("seconds", String.format(Locale.ROOT, "%.1f", totalSeconds));
        return context;
    }

    /** The epoch with the most correct, the first of equals. */
    private static EpochResult best(List<EpochResult> results) {
        return results.stream().max(Comparator.comparingInt(EpochResult::correct)
                .thenComparing(Comparator.comparingInt(EpochResult::epoch).reversed())).orElseThrow();
    }
}
