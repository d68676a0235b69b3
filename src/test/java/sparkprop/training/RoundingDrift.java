package sparkprop.training;

import java.nio.file.Path;
import java.util.List;

import sparkprop.data.DataSlice;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.network.Backprop;
import sparkprop.network.Batch;
import sparkprop.network.Gradient;
import sparkprop.network.Network;

/**
 * A measurement, not a test: how far the book's headline run on real MNIST drifts between the
 * sequential trainer and the sum of two partitions' gradients (what DistributedTrainer computes on
 * two partitions), which differ only in the order of floating-point additions. Prints the largest
 * parameter difference every 1,000 steps and the test accuracy of both after each epoch.
 *
 * <pre>
 * mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat target/classpath.txt) \
 *     sparkprop.training.RoundingDrift [epochs]
 * </pre>
 */
public final class RoundingDrift {

    private RoundingDrift() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Mnist mnist = Mnist.open(StoragePath.of(Path.of("data/mnist")), 0);
        SampleBlock all = mnist.training().read();
        SampleBlock test = mnist.test().read();
        List<DataSlice> halves = ((DataSlice) mnist.training()).split(2);
        SampleBlock first = halves.get(0).read();
        SampleBlock second = halves.get(1).read();
        Network sequential = Network.gaussian(new int[] {784, 30, 10}, 1);
        Network twoPartitions = sequential.copy();
        for (int epoch = 0; epoch < epochs; epoch++) {
            MiniBatches batches = MiniBatches.shuffled(0, all.size(), 10, 1, epoch);
            for (int k = 0; k < batches.count(); k++) {
                int[] members = batches.members(k);
                sequential.update(Backprop.gradient(sequential, all.select(members)), 3.0);
                Gradient sum = Gradient.zero();
                for (SampleBlock partition : List.of(first, second)) {
                    Batch batch = partition.select(members);
                    if (batch != null) {
                        sum.add(Backprop.gradient(twoPartitions, batch));
                    }
                }
                twoPartitions.update(sum, 3.0);
                if ((k + 1) % 1000 == 0) {
                    System.out.printf("epoch %d, step %d: max |difference| %.3e%n", epoch, k + 1, sequential.maxAbsDifference(twoPartitions));
                }
            }
            System.out.printf("Epoch %d: sequential %d / %d, two partitions %d / %d%n", epoch,
                    test.countCorrect(sequential), test.size(), test.countCorrect(twoPartitions), test.size());
        }
    }
}
