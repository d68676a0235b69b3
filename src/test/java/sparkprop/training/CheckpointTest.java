package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint checkpoint(int epoch) {
        Network network = Network.gaussian(new int[] {5, 4, 3}, epoch);
        List<EpochResult> results = new ArrayList<>();
        for (int e = 0; e <= epoch; e++) {
            results.add(new EpochResult(e, 90 + e, 100, 1.5 + e, 12));
        }
        return new Checkpoint(epoch, network, Map.of("--eta", "3.0"), results, new ValidationPlan(0, 0, 3.0).state());
    }

    @Test
    void readsBackBitForBit() {
        Checkpoint original = checkpoint(4);
        Checkpoint read = Checkpoint.fromBytes(original.toBytes(), "c");
        assertEquals(4, read.epoch());
        assertEquals(0.0, read.network().maxAbsDifference(original.network()));
        assertEquals(original.configuration(), read.configuration());
        assertEquals(original.results(), read.results());
    }

    @Test
    void velocitiesAreReadBackBitForBit() {
        Checkpoint plain = checkpoint(3);
        Velocity velocity = Velocity.zero(plain.network().sizes());
        velocity.weights(1)[5] = -0.25;
        velocity.biases(0)[2] = 1e-300;
        Checkpoint withVelocity = new Checkpoint(3, plain.network(), velocity, plain.configuration(), plain.results(), plain.plan());
        assertEquals(0.0, Checkpoint.fromBytes(withVelocity.toBytes(), "v").velocity().maxAbsDifference(velocity));
    }

    /** A version 2 file (before momentum) is the version 3 layout without the velocities: it is read, with velocities 0. */
    @Test
    void aVersionTwoCheckpointIsReadWithZeroVelocities() {
        Checkpoint original = checkpoint(2);
        byte[] three = original.toBytes();
        int magic = "SPARKPROP-CHECKPOINT".length();
        int parameters = 4 * 5 + 4 + 3 * 4 + 3; // weights and biases of [5, 4, 3]
        int velocitiesAt = magic + 4 + 4 + 4 + 3 * 4 + 8 * parameters;
        byte[] two = new byte[three.length - 8 * parameters];
        System.arraycopy(three, 0, two, 0, velocitiesAt);
        System.arraycopy(three, velocitiesAt + 8 * parameters, two, velocitiesAt, two.length - velocitiesAt);
        java.nio.ByteBuffer.wrap(two, magic, 4).putInt(2);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(two, 0, two.length - 8);
        java.nio.ByteBuffer.wrap(two, two.length - 8, 8).putLong(crc.getValue());

        Checkpoint read = Checkpoint.fromBytes(two, "old");
        assertEquals(0.0, read.network().maxAbsDifference(original.network()));
        assertEquals(0.0, read.velocity().maxAbsDifference(Velocity.zero(original.network().sizes())));
        assertEquals(original.results(), read.results());
    }

    @Test
    void truncatedOrDamagedFilesAreRefusedByName() {
        byte[] bytes = checkpoint(2).toBytes();
        String cut = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(Arrays.copyOf(bytes, bytes.length - 100), "f")).getMessage();
        assertTrue(cut.startsWith("f: checksum mismatch") && cut.contains("truncated or damaged"), cut);
        bytes[200] ^= 1;
        String flipped = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(bytes, "g")).getMessage();
        assertTrue(flipped.startsWith("g: checksum mismatch"), flipped);
        String other = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes("hello".getBytes(), "h")).getMessage();
        assertTrue(other.startsWith("h: expected a sparkprop checkpoint"), other);
    }

    @Test
    void aCheckpointWithANonFiniteWeightIsRefused() {
        Checkpoint good = checkpoint(1);
        good.network().weights(1).data[5] = Double.NaN; // the array behind the view: a checkpoint of a diverged network
        String message = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(good.toBytes(), "n")).getMessage();
        assertEquals("n: expected finite weights and biases, found weight (2, 1) of layer 1 = NaN", message);
    }

    @Test
    void keepsTheLastThreeAndSkipsADamagedNewestOneWithoutTouchingIt() throws IOException {
        CheckpointDirectory checkpoints = new CheckpointDirectory(StoragePath.of(dir));
        for (int epoch = 0; epoch < 5; epoch++) {
            checkpoints.write(checkpoint(epoch));
        }
        List<Path> kept = checkpoints.checkpointsNewestFirst().stream().map(StoragePath::localPath).toList();
        assertEquals(List.of("checkpoint-epoch-00004.bin", "checkpoint-epoch-00003.bin", "checkpoint-epoch-00002.bin"),
                kept.stream().map(p -> p.getFileName().toString()).toList());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files left");
        }

        byte[] newest = Files.readAllBytes(kept.get(0));
        byte[] truncated = Arrays.copyOf(newest, newest.length / 2);
        Files.write(kept.get(0), truncated);
        byte[] older = Files.readAllBytes(kept.get(1));
        List<String> refused = new ArrayList<>();

        Checkpoint resumed = checkpoints.newestValid(e -> refused.add(e.getMessage())).orElseThrow();

        assertEquals(3, resumed.epoch());
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).startsWith(kept.get(0) + ": "), refused.get(0));
        assertArrayEquals(truncated, Files.readAllBytes(kept.get(0)), "the damaged file is left for the user to see");
        assertArrayEquals(older, Files.readAllBytes(kept.get(1)));
    }
}
