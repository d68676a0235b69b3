package sparkprop.metrics;

/** counts[label][answer]: how often each digit was taken for each digit. The diagonal is what was right. */
public final class ConfusionMatrix {

    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    public void add(int label, int answer) {
        counts[label][answer]++;
    }

    public long count(int label, int answer) {
        return counts[label][answer];
    }

    public long correct() {
        long correct = 0;
        for (int d = 0; d < counts.length; d++) {
            correct += counts[d][d];
        }
        return correct;
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** A table: one row per true label, one column per answer. */
    public String table() {
        StringBuilder text = new StringBuilder("label \\ answer");
        for (int a = 0; a < counts.length; a++) {
            text.append(String.format("%6d", a));
        }
        text.append('\n');
        for (int label = 0; label < counts.length; label++) {
            text.append(String.format("%14d", label));
            for (int a = 0; a < counts.length; a++) {
                text.append(String.format("%6d", counts[label][a]));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
