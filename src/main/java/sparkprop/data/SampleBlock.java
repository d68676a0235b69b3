package sparkprop.data;

import java.io.Serializable;

import org.ojalgo.matrix.store.R064Store;

import sparkprop.network.Batch;
import sparkprop.metrics.Score;
import sparkprop.network.Cost;
import sparkprop.network.FloatBatch;
import sparkprop.network.FloatNetwork;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Targets;

/**
 * A contiguous run of samples held in memory: samples {@code first} to {@code first + size() − 1}
 * of a data set. One block is one Spark partition of the cached training RDD, and the sequential
 * trainer holds the whole training set as one block. Inputs stay compact ({@link SampleInputs}: an
 * image's pixels as bytes) and become the columns of a {@link Batch} (a {@link FloatBatch} in
 * float32), one column of {@code inputSize} activations per sample, when a mini-batch or an
 * evaluation chunk is assembled; labels are digits, kept as bytes.
 */
public final class SampleBlock implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Evaluation feeds forward this many samples at a time, to bound the size of the activations. */
    private static final int EVALUATION_CHUNK = 1000;

    private final int first;
    private final SampleInputs inputs;
    private final byte[] labels;

    public SampleBlock(int first, SampleInputs inputs, int[] labels) {
        if (inputs.count() != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + inputs.count() + " samples");
        }
        this.first = first;
        this.inputs = inputs;
        this.labels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("sample " + (first + i) + ": expected a class label 0 to 127, found " + labels[i]);
            }
            this.labels[i] = (byte) labels[i];
        }
    }

    /** A block from per-sample input vectors, numbered from {@code first}. */
    public static SampleBlock of(int first, double[][] inputs, int[] labels) {
        Batch batch = Batch.of(inputs, labels);
        return new SampleBlock(first, new DoubleInputs(batch.inputs().getRowDim(), batch.inputs().data), labels);
    }

    public int size() {
        return labels.length;
    }

    public int first() {
        return first;
    }

    public int inputSize() {
        return inputs.inputSize();
    }

    /**
     * The members of a mini-batch (global sample indices) that this block holds, as a batch in the
     * order given; null when it holds none of them.
     */
    public Batch select(int[] members) {
        return select(members, null);
    }

    /**
     * The same, each image distorted as {@code distortions} says for its index ({@code --distort});
     * null: the images as they are.
     */
    public Batch select(int[] members, DistortionPass distortions) {
        return select(members, distortions, new BatchBuffer());
    }

    /** The same, assembled in {@code buffer}: the batch holds until the next one assembled there. */
    public Batch select(int[] members, DistortionPass distortions, BatchBuffer buffer) {
        int count = countHeld(members);
        if (count == 0) {
            return null;
        }
        int inputSize = inputs.inputSize();
        double[] columns = buffer.columns(count * inputSize);
        forEachHeld(members, (local, index, column) -> {
            if (distortions == null) {
                inputs.copySample(local, columns, column * inputSize);
            } else {
                inputs.copyDistorted(local, distortions.distortion(), distortions.seedOf(index), columns, column * inputSize);
            }
        });
        return new Batch(R064Store.wrap(columns, inputSize), labelsOf(members, count));
    }

    /**
     * The same batch with each activation rounded to the nearest float, for {@code --precision
     * float32}: the floats of {@link #select(int[], DistortionPass, BatchBuffer)}'s doubles, made
     * from the pixels directly.
     */
    public FloatBatch selectInFloat(int[] members, DistortionPass distortions, BatchBuffer buffer) {
        int count = countHeld(members);
        if (count == 0) {
            return null;
        }
        int inputSize = inputs.inputSize();
        float[] columns = buffer.floats(count * inputSize);
        forEachHeld(members, (local, index, column) -> {
            if (distortions == null) {
                inputs.copySample(local, columns, column * inputSize);
            } else {
                inputs.copyDistorted(local, distortions.distortion(), distortions.seedOf(index), columns, column * inputSize);
            }
        });
        return new FloatBatch(columns, inputSize, labelsOf(members, count));
    }

    private int countHeld(int[] members) {
        int count = 0;
        for (int index : members) {
            if (holds(index)) {
                count++;
            }
        }
        return count;
    }

    /** The labels of the {@code count} members this block holds, in the order given. */
    private int[] labelsOf(int[] members, int count) {
        int[] batchLabels = new int[count];
        forEachHeld(members, (local, index, column) -> batchLabels[column] = labels[local]);
        return batchLabels;
    }

    /** What a batch does with each member this block holds: its index here, its global index, its column in the batch. */
    private interface HeldMember {
        void take(int local, int index, int column);
    }

    /** Hands {@code take} the members this block holds, in the order given, numbering their columns from 0. */
    private void forEachHeld(int[] members, HeldMember take) {
        int column = 0;
        for (int index : members) {
            if (holds(index)) {
                take.take(index - first, index, column++);
            }
        }
    }

    /** How many samples of this block the network classifies correctly, in the book's double. */
    public int countCorrect(Network network) {
        return countCorrect(network, Precision.FLOAT64);
    }

    /** How many samples of this block the network classifies correctly, fed forward in {@code precision}. */
    public int countCorrect(Network network, Precision precision) {
        int correct = 0;
        int[] answers = classify(network, precision);
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == label(i)) {
                correct++;
            }
        }
        return correct;
    }

    /** The network's cost summed over this block's samples for the given targets, and how many it gets right. */
    public Score score(Network network, Cost cost, Targets targets) {
        double costSum = 0;
        long correct = 0;
        for (int from = 0; from < size(); from += EVALUATION_CHUNK) {
            int to = Math.min(size(), from + EVALUATION_CHUNK);
            R064Store out = network.feedforward(inputColumns(from, to));
            int outputs = out.getRowDim();
            for (int i = 0; i < to - from; i++) {
                for (int j = 0; j < outputs; j++) {
                    costSum += cost.value(out.data[j + i * outputs], targets.value(label(from + i), j));
                }
                if (Network.argmax(out, i) == label(from + i)) {
                    correct++;
                }
            }
        }
        return new Score(costSum, correct, size());
    }

    /** The network's answer for every sample, fed forward {@value #EVALUATION_CHUNK} at a time. */
    public int[] classify(Network network) {
        return classify(network, Precision.FLOAT64);
    }

    /** The same, fed forward in {@code precision}. */
    public int[] classify(Network network, Precision precision) {
        if (precision == Precision.FLOAT32) {
            return classifyInFloat(FloatNetwork.of(network));
        }
        int[] answers = new int[size()];
        for (int from = 0; from < size(); from += EVALUATION_CHUNK) {
            int to = Math.min(size(), from + EVALUATION_CHUNK);
            System.arraycopy(network.classify(inputColumns(from, to)), 0, answers, from, to - from);
        }
        return answers;
    }

    /** The same fed forward in float, each chunk's inputs made from the pixels in one array reused. */
    private int[] classifyInFloat(FloatNetwork network) {
        int inputSize = inputs.inputSize();
        float[] columns = new float[Math.min(size(), EVALUATION_CHUNK) * inputSize];
        int[] answers = new int[size()];
        for (int from = 0; from < size(); from += EVALUATION_CHUNK) {
            int to = Math.min(size(), from + EVALUATION_CHUNK);
            for (int i = from; i < to; i++) {
                inputs.copySample(i, columns, (i - from) * inputSize);
            }
            System.arraycopy(network.classify(columns, to - from), 0, answers, from, to - from);
        }
        return answers;
    }

    /** The label of local sample i (0-based within this block). */
    public int label(int i) {
        return labels[i];
    }

    /** Local samples {@code from} to {@code to − 1} as a matrix of one column each (a copy). */
    private R064Store inputColumns(int from, int to) {
        int inputSize = inputs.inputSize();
        double[] columns = new double[(to - from) * inputSize];
        for (int i = from; i < to; i++) {
            inputs.copySample(i, columns, (i - from) * inputSize);
        }
        return R064Store.wrap(columns, inputSize);
    }

    private boolean holds(int index) {
        return index >= first && index < first + labels.length;
    }
}
