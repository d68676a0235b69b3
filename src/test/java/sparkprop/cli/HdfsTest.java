package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.BadDataException;
import sparkprop.data.DataSlice;
import sparkprop.data.IdxFile;
import sparkprop.data.IdxHeader;
import sparkprop.data.IdxWriter;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;
import sparkprop.metrics.EpochResult;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;
import sparkprop.training.Checkpoint;
import sparkprop.training.CheckpointDirectory;
import sparkprop.training.ValidationPlan;

/**
 * Every path the user names, on a real HDFS: a NameNode and two DataNodes in this JVM (Hadoop's
 * MiniDFSCluster), replication 2. Training from HDFS ends with the weights of the same run from
 * the local disk, and checkpoints, the model file and the metrics on HDFS keep the guarantees they
 * have on a local disk.
 */
class HdfsTest {

    @TempDir
    static Path local;

    private static MiniDFSCluster cluster;
    private static DistributedFileSystem hdfs;
    /** hdfs://127.0.0.1:PORT */
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.setLong("dfs.blocksize", 1 << 20);
        conf.setInt("dfs.replication", 2);
        cluster = new MiniDFSCluster.Builder(conf, local.resolve("hdfs").toFile()).numDataNodes(2).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = hdfs.getUri().toString();
        // What an hdfs-site.xml on the class path gives clients: blocks of 1 MB, so that a file's
        // space reservation (a block times the replication) is small, and 2 replicas on 2 DataNodes.
        StoragePath.configuration().setLong("dfs.blocksize", 1 << 20);
        StoragePath.configuration().setInt("dfs.replication", 2);

        IdxWriter.writeDigits(local.resolve("mnist"), 305, 100, 6, 23, false);
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("mnist").toUri()), new org.apache.hadoop.fs.Path("/mnist"));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static String[] run(String data, String... more) {
        String[] common = {"--data", data, "--sizes", "36,15,10", "--mini-batch-size", "10", "--eta", "3.0", "--seed", "17", "--partitions", "2"};
        String[] args = Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return args;
    }

    @Test
    void trainingFromHdfsWithEverythingOnHdfsEndsWithTheWeightsOfTheLocalRun() throws IOException {
        Path localModel = local.resolve("local-model.json");
        assertEquals(0, Main.run(run(local.resolve("mnist").toString(), "--epochs", "3", "--save", localModel.toString())));

        String dir = root + "/runs/a";
        assertEquals(0, Main.run(run(root + "/mnist", "--epochs", "2", "--checkpoint-dir", dir + "/ck", "--metrics", dir + "/m.csv")));
        assertEquals(0, Main.run(run(root + "/mnist", "--epochs", "3", "--checkpoint-dir", dir + "/ck", "--resume", "--metrics", dir + "/m.csv",
                "--save", dir + "/model.json")));

        Network fromLocal = ModelFile.read(StoragePath.of(localModel)).network();
        Network fromHdfs = ModelFile.read(StoragePath.of(dir + "/model.json")).network();
        assertEquals(0.0, fromHdfs.maxAbsDifference(fromLocal), 1e-12, "the same weights from HDFS, resumed, as from the local disk");
        assertTrue(fromLocal.maxAbsDifference(Network.gaussian(new int[] {36, 15, 10}, 17)) > 0.01, "the weights moved");

        List<String> metrics = StoragePath.of(dir + "/m.csv").readString().lines().toList();
        assertEquals(4, metrics.size(), "the header and one line per epoch, the resumed run's added: " + metrics);
        assertTrue(metrics.get(3).startsWith("2,"), metrics.get(3));
        List<String> names = StoragePath.of(dir + "/ck").list().stream().map(StoragePath::name).toList();
        assertEquals(List.of("checkpoint-epoch-00000.bin", "checkpoint-epoch-00001.bin", "checkpoint-epoch-00002.bin"), names,
                "three checkpoints, no temporary file and no lock left");
    }

    @Test
    void checkpointsOnHdfsKeepTheNewestThreeAndSkipADamagedOneByName() throws IOException {
        CheckpointDirectory checkpoints = new CheckpointDirectory(StoragePath.of(root + "/ck-damaged"));
        for (int epoch = 0; epoch < 5; epoch++) {
            checkpoints.write(checkpoint(epoch));
        }
        List<StoragePath> kept = checkpoints.checkpointsNewestFirst();
        assertEquals(List.of("checkpoint-epoch-00004.bin", "checkpoint-epoch-00003.bin", "checkpoint-epoch-00002.bin"),
                kept.stream().map(StoragePath::name).toList());
        assertEquals(3, hdfs.listStatus(new org.apache.hadoop.fs.Path("/ck-damaged")).length, "no temporary files left");

        byte[] newest = kept.get(0).readAllBytes();
        kept.get(0).writeAtomically(Arrays.copyOf(newest, newest.length / 2));
        StringBuilder refused = new StringBuilder();
        Checkpoint valid = checkpoints.newestValid(e -> refused.append(e.getMessage())).orElseThrow();
        assertEquals(3, valid.epoch());
        assertTrue(refused.toString().startsWith(root + "/ck-damaged/checkpoint-epoch-00004.bin: "), refused.toString());
    }

    @Test
    void aSpaceQuotaHitEndsInOneLineAndLosesNothing() throws IOException {
        StoragePath directory = StoragePath.of(root + "/ck-quota");
        CheckpointDirectory checkpoints = new CheckpointDirectory(directory);
        checkpoints.write(checkpoint(0));
        byte[] first = directory.resolve("checkpoint-epoch-00000.bin").readAllBytes();
        // Room for what is there and less than the next file's reservation (a block on each of 2 DataNodes).
        long used = hdfs.getContentSummary(new org.apache.hadoop.fs.Path("/ck-quota")).getSpaceConsumed();
        hdfs.setQuota(new org.apache.hadoop.fs.Path("/ck-quota"), HdfsConstants.QUOTA_DONT_SET, used + (1 << 20));
        try {
            WriteFailedException e = assertThrows(WriteFailedException.class, () -> checkpoints.write(checkpoint(1)));
            assertTrue(e.getMessage().startsWith(root + "/ck-quota/checkpoint-epoch-00001.bin: cannot write it (The DiskSpace quota of /ck-quota is exceeded"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("); the older checkpoints are as they were, and --resume continues from the newest"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        } finally {
            hdfs.setQuota(new org.apache.hadoop.fs.Path("/ck-quota"), HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
        }
        assertEquals(List.of("checkpoint-epoch-00000.bin"), directory.list().stream().map(StoragePath::name).toList(), "no temporary file left");
        assertArrayEquals(first, directory.resolve("checkpoint-epoch-00000.bin").readAllBytes(), "the older checkpoint as it was");
    }

    @Test
    void executorsReadTheirOwnByteRangesRawOrGzipAndPreferTheHostsOfTheirBlocks() throws IOException {
        Path gz = local.resolve("gz");
        IdxWriter.writeDigits(gz, 305, 100, 6, 23, true);
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(gz.toUri()), new org.apache.hadoop.fs.Path("/mnist-gz"));
        Mnist raw = Mnist.open(StoragePath.of(root + "/mnist"), 0);
        Mnist gzip = Mnist.open(StoragePath.of(root + "/mnist-gz"), 0);
        Mnist onDisk = Mnist.open(StoragePath.of(local.resolve("mnist")), 0);
        DataSlice slice = ((DataSlice) raw.training()).split(3).get(2);
        DataSlice gzipSlice = ((DataSlice) gzip.training()).split(3).get(2);
        DataSlice localSlice = ((DataSlice) onDisk.training()).split(3).get(2);
        assertArrayEquals(pixelsAndLabels(localSlice), pixelsAndLabels(slice), "records 204 to 304 from HDFS");
        assertArrayEquals(pixelsAndLabels(localSlice), pixelsAndLabels(gzipSlice), "the same records from a gzip file on HDFS");

        IdxHeader header = IdxFile.header(slice.imageFile());
        // Both DataNodes of this cluster are on 127.0.0.1: one host, which holds every block.
        assertEquals(List.of("127.0.0.1"), slice.imageFile().hostsOf(header.headerBytes(), header.recordSize()));
        assertEquals(List.of(), localSlice.imageFile().hostsOf(header.headerBytes(), header.recordSize()), "a local file prefers no host");
    }

    @Test
    void aMissingFileOnHdfsIsNamedByItsUri() throws IOException {
        hdfs.mkdirs(new org.apache.hadoop.fs.Path("/half"));
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("mnist").resolve(Mnist.TRAIN_IMAGES).toUri()),
                new org.apache.hadoop.fs.Path("/half/" + Mnist.TRAIN_IMAGES));
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(root + "/half"), 0)).getMessage();
        assertTrue(message.startsWith("data directory " + root + "/half: expected " + Mnist.TRAIN_LABELS + " or " + Mnist.TRAIN_LABELS
                + ".gz, found neither"), message);
        String missing = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(root + "/nothing"), 0)).getMessage();
        assertTrue(missing.startsWith("data directory " + root + "/nothing does not exist"), missing);
    }

    @Test
    void aModelWrittenToHdfsReadsBackAndReplacesTheOldOneWhole() throws IOException {
        StoragePath model = StoragePath.of(root + "/models/m.json");
        Network first = Network.gaussian(new int[] {5, 4, 3}, 1);
        Network second = Network.gaussian(new int[] {5, 4, 3}, 2);
        ModelFile.write(model, first, sparkprop.network.Cost.QUADRATIC, "book");
        ModelFile.write(model, second, sparkprop.network.Cost.QUADRATIC, "book");
        assertEquals(0.0, ModelFile.read(model).network().maxAbsDifference(second));
        assertEquals(List.of("m.json"), model.parent().list().stream().map(StoragePath::name).toList());
        assertEquals("rw-------", hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/models/m.json")).getPermission().toString());
        assertTrue(Files.notExists(Path.of("m.json")), "nothing written to the local disk");
        assertEquals(root + "/models/m.json", model.toString());
        assertTrue(new String(model.readAllBytes(), StandardCharsets.UTF_8).startsWith("{\"sizes\""));
    }

    /** A slice's scaled pixels, then its labels, as one array. */
    private static double[] pixelsAndLabels(DataSlice slice) {
        SampleBlock block = slice.read();
        double[] pixels = block.select(IntStream.range(block.first(), block.first() + block.size()).toArray()).inputs().data;
        double[] all = Arrays.copyOf(pixels, pixels.length + block.size());
        for (int i = 0; i < block.size(); i++) {
            all[pixels.length + i] = block.label(i);
        }
        return all;
    }

    private static Checkpoint checkpoint(int epoch) {
        List<EpochResult> results = new ArrayList<>();
        for (int e = 0; e <= epoch; e++) {
            results.add(new EpochResult(e, 90 + e, 100, 1.5 + e, 12));
        }
        return new Checkpoint(epoch, Network.gaussian(new int[] {5, 4, 3}, epoch), java.util.Map.of("--eta", "3.0"), results,
                new ValidationPlan(0, 0, 3.0).state());
    }
}
