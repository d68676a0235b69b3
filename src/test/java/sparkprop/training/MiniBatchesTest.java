package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MiniBatchesTest {

    @Test
    void everySampleOnceAndTheLastBatchShorter() {
        MiniBatches batches = MiniBatches.shuffled(100, 53, 10, 42, 0);
        assertEquals(6, batches.count());
        assertEquals(3, batches.members(5).length);
        int[] all = new int[0];
        for (int k = 0; k < batches.count(); k++) {
            int[] members = batches.members(k);
            int[] joined = Arrays.copyOf(all, all.length + members.length);
            System.arraycopy(members, 0, joined, all.length, members.length);
            all = joined;
        }
        Arrays.sort(all);
        int[] expected = new int[53];
        Arrays.setAll(expected, i -> 100 + i);
        assertArrayEquals(expected, all);
    }

    @Test
    void theShuffleDependsOnlyOnSeedAndEpoch() {
        assertArrayEquals(MiniBatches.shuffled(0, 1000, 10, 42, 3).members(0), MiniBatches.shuffled(0, 1000, 10, 42, 3).members(0));
        assertFalse(Arrays.equals(MiniBatches.shuffled(0, 1000, 10, 42, 3).members(0), MiniBatches.shuffled(0, 1000, 10, 42, 4).members(0)));
        assertFalse(Arrays.equals(MiniBatches.shuffled(0, 1000, 10, 42, 3).members(0), MiniBatches.shuffled(0, 1000, 10, 43, 3).members(0)));
    }

    @Test
    void inOrderTakesConsecutiveSlices() {
        MiniBatches batches = MiniBatches.inOrder(5, 10, 4);
        assertArrayEquals(new int[] {5, 6, 7, 8}, batches.members(0));
        assertArrayEquals(new int[] {13, 14}, batches.members(2));
    }

    /** A partition's share of an epoch: the epoch's order with only its samples kept, dealt into batches of the same size. */
    @Test
    void withinKeepsThePartitionsSamplesInTheEpochsOrder() {
        MiniBatches epoch = MiniBatches.shuffled(100, 53, 10, 42, 2);
        MiniBatches mine = epoch.within(120, 14);
        int[] expected = new int[0];
        for (int k = 0; k < epoch.count(); k++) {
            for (int i : epoch.members(k)) {
                if (i >= 120 && i < 134) {
                    expected = Arrays.copyOf(expected, expected.length + 1);
                    expected[expected.length - 1] = i;
                }
            }
        }
        assertEquals(2, mine.count());
        assertArrayEquals(Arrays.copyOfRange(expected, 0, 10), mine.members(0));
        assertArrayEquals(Arrays.copyOfRange(expected, 10, 14), mine.members(1));
        assertEquals(0, epoch.within(500, 10).count(), "a range past the samples holds none");
    }
}
