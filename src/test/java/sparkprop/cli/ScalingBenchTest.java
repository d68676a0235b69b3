package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The scaling model's fit recovers the coefficients of points made from a known model, and averages out symmetric noise. */
class ScalingBenchTest {

    @Test
    void leastSquaresRecoversAKnownModel() {
        List<double[]> exact = new ArrayList<>();
        List<double[]> noisy = new ArrayList<>();
        for (double parameters : new double[] {23_860, 79_510, 238_510, 795_010}) {
            for (double partitions : new double[] {1, 2, 4, 8}) {
                double t = 9.5 + 2e-5 * parameters + 1.25 * partitions + 3e-6 * parameters * partitions;
                exact.add(new double[] {parameters, partitions, t});
                noisy.add(new double[] {parameters, partitions, t + 0.5});
                noisy.add(new double[] {parameters, partitions, t - 0.5});
            }
        }
        assertArrayEquals(new double[] {9.5, 2e-5, 1.25, 3e-6}, ScalingBench.leastSquares(exact), 1e-9);
        assertArrayEquals(new double[] {9.5, 2e-5, 1.25, 3e-6}, ScalingBench.leastSquares(noisy), 1e-9);
    }
}
