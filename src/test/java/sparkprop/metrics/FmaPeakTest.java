package sparkprop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sparkprop.network.MatrixProduct;

class FmaPeakTest {

    @Test
    void theTimedLoopDoesTheFmasItCounts() {
        // 12 chains × the kernel's lanes, each adding 1·1 per round: the sum the timed loop returns counts its FMAs.
        int lanes = MatrixProduct.VECTOR_BITS / 64;
        assertEquals(12.0 * lanes * 1000, FmaPeak.sum(1000));
        assertEquals(2.0 * 12 * lanes * 1000, FmaPeak.flops(1000));
    }

    @Test
    void itMeasuresTheKernelsVectors() {
        assertEquals(MatrixProduct.VECTOR_BITS, FmaPeak.bits());
        assertTrue(FmaPeak.preferredBits() >= 128, "preferred width: " + FmaPeak.preferredBits());
    }

    @Test
    void aMeasurementIsAPositiveRate() {
        double gflops = FmaPeak.gflops(1, 0.02);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s: " + gflops);
    }
}
