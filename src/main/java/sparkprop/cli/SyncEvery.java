package sparkprop.cli;

/**
 * {@code --sync-every}: the local steps each partition takes between two synchronizations, either a
 * fixed K ({@code --sync-every 500}) or a number of steps shared by the P partitions
 * ({@code --sync-every 500/P}: K = 500/P, rounded, at least 1), so that a block covers the same
 * samples, and the epoch the same number of blocks, whatever the number of partitions. The
 * partitions benchmark (docs/PERFORMANCE.md, "Accuracy against the number of partitions") is why
 * the second form exists: with a fixed K, 16 partitions made one block an epoch and took three
 * times the sequential trainer's epochs to 97%. 1 (not shared) is the book's exact SGD.
 */
public record SyncEvery(int steps, boolean shared) {

    /** The book's exact SGD: one Spark job per mini-batch. */
    public static final SyncEvery EXACT = new SyncEvery(1, false);

    public SyncEvery {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, found " + steps);
        }
    }

    /** "K" or "S/P", K and S positive integers; null when the text is neither. */
    public static SyncEvery parse(String text) {
        boolean shared = text.endsWith("/P");
        String number = shared ? text.substring(0, text.length() - 2) : text;
        if (!number.matches("[0-9]{1,9}") || Integer.parseInt(number) < 1) {
            return null;
        }
        return new SyncEvery(Integer.parseInt(number), shared);
    }

    /** Whether this is the exact mode (no local steps to average). */
    public boolean exact() {
        return equals(EXACT);
    }

    /** K: each partition's local steps per block on {@code partitions} partitions. */
    public int perPartition(int partitions) {
        return shared ? Math.max(1, Math.round((float) steps / partitions)) : steps;
    }

    /** As the option is written: "500" or "500/P". */
    public String optionValue() {
        return steps + (shared ? "/P" : "");
    }
}
