package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationPlanTest {

    @Test
    void earlyStoppingEndsAfterNEpochsWithoutImprovement() {
        ValidationPlan plan = new ValidationPlan(2, 0, 0.5);
        assertTrue(plan.goOn(0.90));
        assertTrue(plan.goOn(0.95));
        assertTrue(plan.goOn(0.94), "one epoch without improvement");
        assertTrue(plan.goOn(0.96), "improved again: the count starts over");
        assertTrue(plan.goOn(0.96), "equal is not better");
        assertNull(plan.stopReason());
        assertFalse(plan.goOn(0.95));
        assertEquals("early stop: the validation accuracy has not improved on 96.00% for 2 epochs", plan.stopReason());
        assertEquals(0.5, plan.eta(), "early stopping alone never changes eta");
    }

    @Test
    void theScheduleHalvesEtaOnStallsAndStopsAtOneHundredTwentyEighth() {
        ValidationPlan plan = new ValidationPlan(0, 1, 0.5);
        assertTrue(plan.goOn(0.90));
        double eta = 0.5;
        for (int halving = 1; halving < 7; halving++) {
            assertTrue(plan.goOn(0.80), "stall " + halving);
            eta /= 2;
            assertEquals(eta, plan.eta());
        }
        assertFalse(plan.goOn(0.80), "the seventh halving reaches 0.5/128");
        assertEquals(0.5 / 128, plan.eta());
        assertEquals("learning-rate schedule: eta has fallen to 0.00390625, 1/128 of 0.5", plan.stopReason());
    }

    @Test
    void noneIsInactive() {
        assertFalse(ValidationPlan.NONE.active());
        assertTrue(new ValidationPlan(3, 0, 1).active());
    }
}
