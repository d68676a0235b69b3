package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import sparkprop.network.Batch;

/**
 * Mini-batches assembled one after another in one buffer are the batches a fresh select gives, and
 * one of the size of the batch before it fills that batch's array.
 */
class BatchBufferTest {

    /** Samples 100 to 104 of three inputs each, every input distinct. */
    private static final SampleBlock BLOCK = SampleBlock.of(100,
            new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}, {13, 14, 15}}, new int[] {5, 6, 7, 8, 9});

    @Test
    void eachBatchInTheBufferIsTheFreshBatchOfItsMembers() {
        BatchBuffer buffer = new BatchBuffer();
        int[][] batches = {{104, 100, 102}, {101, 103, 100}, {103, 999, 101}, {100}, {102}};
        Batch previous = null;
        for (int[] members : batches) {
            Batch fresh = BLOCK.select(members);
            Batch reused = BLOCK.select(members, null, buffer);
            assertArrayEquals(fresh.inputs().data, reused.inputs().data, "inputs of " + Arrays.toString(members));
            assertArrayEquals(fresh.labels(), reused.labels(), "labels of " + Arrays.toString(members));
            if (previous != null && previous.size() == reused.size()) {
                assertSame(previous.inputs().data, reused.inputs().data, "a batch of the same size fills the same array");
            }
            previous = reused;
        }
    }
}
