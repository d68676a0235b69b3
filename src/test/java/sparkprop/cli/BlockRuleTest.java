package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sparkprop.training.BlockUpdate;

/** The partitions benchmark's block rules: what each part of a rule's text sets, for a given number of partitions. */
class BlockRuleTest {

    @Test
    void kSharedByThePartitionsShrinksWithP() {
        BlockRule rule = BlockRule.parse("K=1000/P");

        assertEquals(500, rule.syncEvery(2));
        assertEquals(63, rule.syncEvery(16), "1000/16 = 62.5, rounded");
        assertEquals(1, rule.syncEvery(4000), "at least one step");
        assertEquals(new BlockUpdate(1, 1 - 1.0 / 16, true), rule.update(16), "the paper's 1 - 1/P by default");
        assertEquals(0, rule.warmUpSteps());
        assertEquals("K=1000/P mu=1-1/P", rule.name());
    }

    @Test
    void everyPartCanBeGiven() {
        BlockRule rule = BlockRule.parse("K=500 mu=0.9 lr=1.5 nesterov=off warm=100");

        assertEquals(500, rule.syncEvery(32), "a fixed K whatever P");
        assertEquals(new BlockUpdate(1.5, 0.9, false), rule.update(32));
        assertEquals(100, rule.warmUpSteps());
        assertEquals("K=500 mu=0.9 lr=1.5 nesterov=off warm=100", rule.name());
    }

    @Test
    void anUnknownPartIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockRule.parse("K=500 momentum=0.9"));

        assertTrue(e.getMessage().contains("'momentum'"), e.getMessage());
    }
}
