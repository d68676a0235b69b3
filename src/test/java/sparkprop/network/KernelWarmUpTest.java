package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The warm-up runs beside a run's steps and must leave them exactly as they would have been. */
class KernelWarmUpTest {

    @Test
    void aRunBesideTheWarmUpIsBitForBitTheRunWithoutIt() throws InterruptedException {
        Network alone = steps();

        Thread[] warmUps = {KernelWarmUp.start(Precision.FLOAT32), KernelWarmUp.start(Precision.FLOAT64)};
        Network beside = steps();
        for (Thread warmUp : warmUps) {
            warmUp.join(60_000);
            assertFalse(warmUp.isAlive(), "the warm-up ends by itself");
        }

        assertEquals(0.0, beside.maxAbsDifference(alone));
    }

    /** 200 double and 200 float steps of [784,30,10] on random pixels, in this thread. */
    private static Network steps() {
        Random random = new Random(3);
        double[][] inputs = new double[10][784];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 784; k++) {
                inputs[i][k] = random.nextInt(256) / 255.0;
            }
            labels[i] = random.nextInt(10);
        }
        Batch batch = Batch.of(inputs, labels);
        Network network = Network.scaledGaussian(new int[] {784, 30, 10}, 4);
        for (int i = 0; i < 200; i++) {
            network.update(Backprop.gradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT), 0.5, 5.0, 50_000);
        }
        FloatNetwork inFloat = FloatNetwork.of(network);
        for (int i = 0; i < 200; i++) {
            inFloat.step(batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, 0.5, 5.0, 50_000);
        }
        return inFloat.toNetwork();
    }
}
