package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.data.Mnist;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * Training on a real standalone cluster (a Master and two Workers started by submit/cluster-start,
 * each Worker launching its own executor JVM; every connection authenticated with the cluster's
 * secret and encrypted, as cluster-start makes it) gives the weights of local[2]; and so does a run
 * in which one Worker and its executor are killed in the middle of an epoch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

    private static final int[] SIZES = {784, 30, 10};
    private static final SgdSettings SGD = new SgdSettings(2, 10, 3.0, 11);
    private static final int TRAINING = 2000;

    @TempDir
    static Path clusterDir;

    private static StandaloneCluster cluster;
    private static Mnist mnist;
    private static Network local;

    @BeforeAll
    static void startClusterAndTrainLocally() throws Exception {
        mnist = Mnist.open(StoragePath.of(Project.realMnist()), TRAINING);
        local = Network.gaussian(SIZES, SGD.seed());
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("local reference"))) {
            Sgd.train(local, new DistributedTrainer(data(sc)), SGD, TrainingListener.NONE);
        }
        cluster = new StandaloneCluster(clusterDir, 7277, 2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void twoWorkersGiveTheWeightsOfLocalTwo() throws Exception {
        Network network = Network.gaussian(SIZES, SGD.seed());
        try (JavaSparkContext sc = new JavaSparkContext(cluster.driverConf("cluster run"))) {
            waitForExecutors(sc, 2);
            List<EpochResult> results = Sgd.train(network, new DistributedTrainer(data(sc)), SGD, TrainingListener.NONE);
            assertEquals(2, results.size());
            assertEquals(2, sc.sc().getExecutorIds().size(), "two executors, one per worker");
        }
        assertEquals(0.0, network.maxAbsDifference(local), 1e-9);
    }

    /** Runs last: the killed worker stays dead. */
    @Test
    @Order(2)
    void killingAWorkerAndItsExecutorMidEpochChangesNothing() throws Exception {
        int killAtStep = 120;
        AtomicInteger stepAtKill = new AtomicInteger(-1);
        AtomicInteger executorsRemoved = new AtomicInteger();
        AtomicInteger processesKilled = new AtomicInteger();
        Network network = Network.gaussian(SIZES, SGD.seed());
        try (JavaSparkContext sc = new JavaSparkContext(cluster.driverConf("cluster run with a lost worker"))) {
            waitForExecutors(sc, 2);
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                    executorsRemoved.incrementAndGet();
                }
            });
            TrainingListener killer = new TrainingListener() {
                @Override
                public void stepDone(int epoch, int step, int steps) {
                    if (epoch == 0 && step == killAtStep) {
                        try {
                            processesKilled.set(cluster.killWorker(1));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        stepAtKill.set(step);
                    }
                }
            };
            List<EpochResult> results = Sgd.train(network, new DistributedTrainer(data(sc)), SGD, killer);
            assertEquals(2, results.size());
            assertEquals(200, results.get(1).steps());
        }
        assertEquals(killAtStep, stepAtKill.get(), "the kill happened in the middle of epoch 0");
        assertTrue(processesKilled.get() >= 2, "the worker and its executor were killed: " + processesKilled.get() + " processes");
        assertTrue(executorsRemoved.get() >= 1, "Spark saw an executor go");
        assertEquals(0.0, network.maxAbsDifference(local), 1e-9);
    }

    private static SparkData data(JavaSparkContext sc) {
        return new SparkData(sc, SampleRdd.cache(sc, mnist.training(), 2, "training data"), 0, TRAINING,
                SampleRdd.cache(sc, mnist.test(), 2, "test data"), mnist.test().size());
    }

    private static void waitForExecutors(JavaSparkContext sc, int count) throws InterruptedException {
        for (int i = 0; i < 300 && sc.sc().getExecutorIds().size() < count; i++) {
            Thread.sleep(100);
        }
        assertEquals(count, sc.sc().getExecutorIds().size(), "executors registered");
    }
}
