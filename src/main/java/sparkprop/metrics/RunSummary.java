package sparkprop.metrics;

import java.util.Comparator;
import java.util.List;

/** The end of a run in one line: its best epoch (the first of equals) and its total time. */
public final class RunSummary {

    private RunSummary() {
    }

    public static String of(List<EpochResult> results, double totalSeconds) {
        EpochResult best = results.stream().max(Comparator.comparingInt(EpochResult::correct)
                .thenComparing(Comparator.comparingInt(EpochResult::epoch).reversed())).orElseThrow();
        return String.format("Best: epoch %d, %d / %d (%.2f%%); %d epochs in %.1f s",
                best.epoch(), best.correct(), best.total(), 100.0 * best.accuracy(), results.size(), totalSeconds);
    }
}
