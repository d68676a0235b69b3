package sparkprop.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * Everything needed to go on after epoch {@code epoch}: the network, its velocities (momentum's,
 * or the driver's block velocity with --sync-every), the run's configuration (the
 * command-line settings that must not change on resuming), the epochs' results so far and the
 * state of chapter 3's validation plan (eta, best validation accuracy, stalled epochs). Epoch j's
 * shuffle depends only on the seed and j, so a resumed run continues exactly where it stopped.
 *
 * <p>The file is binary (doubles kept bit for bit): a magic string, a version, the fields, and a
 * CRC-32C of all that comes before it, so a truncated or damaged file is recognized.
 */
public record Checkpoint(int epoch, Network network, Velocity velocity, Map<String, String> configuration, List<EpochResult> results,
                         ValidationPlan.State plan) {

    private static final byte[] MAGIC = "SPARKPROP-CHECKPOINT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Version 3 added the velocities (momentum's, or the block velocity of --sync-every); version 2 files are read with zero velocities. */
    private static final int VERSION = 3;
    private static final int OLDEST_READABLE = 2;

    /** A checkpoint with zero velocities (a run without momentum). */
    public Checkpoint(int epoch, Network network, Map<String, String> configuration, List<EpochResult> results, ValidationPlan.State plan) {
        this(epoch, network, Velocity.zero(network.sizes()), configuration, results, plan);
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            int[] sizes = network.sizes();
            out.writeInt(sizes.length);
            for (int size : sizes) {
                out.writeInt(size);
            }
            for (int l = 0; l < network.layers(); l++) {
                for (double w : network.weights(l).data) {
                    out.writeDouble(w);
                }
                for (double b : network.biases(l)) {
                    out.writeDouble(b);
                }
            }
            for (int l = 0; l < network.layers(); l++) {
                for (double v : velocity.weights(l)) {
                    out.writeDouble(v);
                }
                for (double v : velocity.biases(l)) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(configuration.size());
            for (Map.Entry<String, String> entry : configuration.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
            out.writeInt(results.size());
            for (EpochResult r : results) {
                out.writeInt(r.epoch());
                out.writeInt(r.correct());
                out.writeInt(r.total());
                out.writeDouble(r.seconds());
                out.writeInt(r.steps());
            }
            out.writeDouble(plan.eta());
            out.writeDouble(plan.best());
            out.writeInt(plan.sinceBest());
            out.writeUTF(plan.stopReason() == null ? "" : plan.stopReason());
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Parses a checkpoint file's bytes; {@code file} names it in the message of an {@link InvalidCheckpointException}. */
    public static Checkpoint fromBytes(byte[] bytes, String file) {
        int minimum = MAGIC.length + 4 + 8;
        if (bytes.length < minimum || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidCheckpointException(file + ": expected a sparkprop checkpoint (starting with " + new String(MAGIC, java.nio.charset.StandardCharsets.US_ASCII)
                    + "), found " + bytes.length + " bytes of something else" + (bytes.length < minimum ? " (truncated)" : ""));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new InvalidCheckpointException(String.format("%s: checksum mismatch: the last 8 bytes say %016x, the %d bytes before them sum to %016x"
                    + " (the file is truncated or damaged)", file, stored, bytes.length - 8, crc.getValue()));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - 8 - MAGIC.length))) {
            int version = in.readInt();
            if (version < OLDEST_READABLE || version > VERSION) {
                throw new InvalidCheckpointException(file + ": expected checkpoint version " + OLDEST_READABLE + " to " + VERSION
                        + ", found " + version);
            }
            int epoch = in.readInt();
            int[] sizes = new int[in.readInt()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = in.readInt();
            }
            double[][] weights = new double[sizes.length - 1][];
            double[][] biases = new double[sizes.length - 1][];
            for (int l = 0; l + 1 < sizes.length; l++) {
                weights[l] = readDoubles(in, sizes[l + 1] * sizes[l]);
                biases[l] = readDoubles(in, sizes[l + 1]);
            }
            Velocity velocity = version >= 3 ? readVelocity(in, sizes) : Velocity.zero(sizes);
            Map<String, String> configuration = new LinkedHashMap<>();
            int entries = in.readInt();
            for (int i = 0; i < entries; i++) {
                configuration.put(in.readUTF(), in.readUTF());
            }
            List<EpochResult> results = new ArrayList<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                results.add(new EpochResult(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readInt()));
            }
            double eta = in.readDouble();
            double best = in.readDouble();
            int sinceBest = in.readInt();
            String stopReason = in.readUTF();
            ValidationPlan.State plan = new ValidationPlan.State(eta, best, sinceBest, stopReason.isEmpty() ? null : stopReason);
            Network network = Network.ofColumnMajor(sizes, weights, biases);
            String nonFinite = network.firstNonFinite();
            if (nonFinite != null) {
                throw new InvalidCheckpointException(file + ": expected finite weights and biases, found " + nonFinite);
            }
            return new Checkpoint(epoch, network, velocity, configuration, results, plan);
        } catch (EOFException e) {
            throw new InvalidCheckpointException(file + ": ends before its fields do, though its checksum matches (written by another version?)");
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new InvalidCheckpointException(file + ": cannot be read as a checkpoint: " + e.getMessage());
        }
    }

    /** Velocities in the network's layout, layer by layer: weights, then biases. */
    private static Velocity readVelocity(DataInputStream in, int[] sizes) throws IOException {
        double[][] weights = new double[sizes.length - 1][];
        double[][] biases = new double[sizes.length - 1][];
        for (int l = 0; l + 1 < sizes.length; l++) {
            weights[l] = readDoubles(in, sizes[l + 1] * sizes[l]);
            biases[l] = readDoubles(in, sizes[l + 1]);
        }
        return Velocity.of(weights, biases);
    }

    private static double[] readDoubles(DataInputStream in, int count) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
