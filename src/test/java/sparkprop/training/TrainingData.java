package sparkprop.training;

import java.util.Random;

import sparkprop.data.SampleBlock;

/** Made-up digits for training tests: digit d lights the d-th tenth of the inputs, plus noise. */
final class TrainingData {

    private TrainingData() {
    }

    static SampleBlock digits(int first, int count, int inputs, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[count][inputs];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
            for (int k = 0; k < inputs; k++) {
                boolean lit = k * 10 / inputs == labels[i];
                x[i][k] = lit ? 0.6 + 0.4 * random.nextDouble() : 0.25 * random.nextDouble();
            }
        }
        return SampleBlock.of(first, x, labels);
    }
}
