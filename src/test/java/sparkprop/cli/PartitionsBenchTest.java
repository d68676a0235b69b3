package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partitions benchmark's table, from a CSV written by hand: medians over the seeds, and a target never reached. */
class PartitionsBenchTest {

    @TempDir
    Path dir;

    @Test
    void theTableHoldsTheMediansOverTheSeeds() throws IOException {
        StringBuilder csv = new StringBuilder(PartitionsBench.HEADER);
        // sequential: 97% after 2, 3 and 1 epochs (median 2); local SGD on 16 partitions: after 3 epochs, 1, never (median 3).
        line(csv, "sequential,-,1,1", 9600, 9700, 9810);
        line(csv, "sequential,-,1,2", 9500, 9600, 9700);
        line(csv, "sequential,-,1,3", 9700, 9750, 9800);
        line(csv, "local SGD,K=500 mu=1-1/P,16,1", 9000, 9500, 9700);
        line(csv, "local SGD,K=500 mu=1-1/P,16,2", 9720, 9790, 9801);
        line(csv, "local SGD,K=500 mu=1-1/P,16,3", 9000, 9100, 9200);
        Path file = dir.resolve("partitions.csv");
        Files.writeString(file, csv);

        List<PartitionsBench.Run> runs = new ArrayList<>();
        String sizes = PartitionsBench.read(file, runs);
        String table = PartitionsBench.summary(runs, sizes);

        assertEquals("[784,100,10]", sizes);
        assertEquals(6, runs.size());
        // epochs to 97%, Spark jobs then, epochs to 98%, Spark jobs then, accuracy after 5 and 15 epochs (not run that long)
        assertTrue(table.contains("| sequential | - | 1 | 2 | 0 | 3 | 0 | - | - |"), table);
        assertTrue(table.contains("| local SGD | K=500 mu=1-1/P | 16 | 3 | 30 | not reached | not reached | - | - |"), table);
    }

    /** Three epochs of one run: accuracy out of 10,000, 10 Spark jobs an epoch (none for the sequential trainer), a second an epoch. */
    private static void line(StringBuilder csv, String run, int... correct) {
        for (int e = 0; e < correct.length; e++) {
            int jobs = run.startsWith("sequential") ? 0 : 10 * (e + 1);
            csv.append("\"[784,100,10]\",").append(run).append(',').append(e).append(',').append(correct[e]).append(",10000,").append(jobs)
                    .append(',').append(e + 1).append(".0\n");
        }
    }
}
