package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * The wait of {@link YarnUiFilterWait} against a stand-in for Spark's RPC thread, which writes the
 * filter into the configuration under the UI's lock and then works on the handlers before it lets go.
 */
class YarnUiFilterWaitTest {

    /** The filter Spark 4.2.0's ApplicationMaster sends (its driver log: "Add WebUI Filter. org.apache.spark.deploy.yarn.AmIpFilter, ..."). */
    private static final String AM_FILTER = "org.apache.spark.deploy.yarn.AmIpFilter";

    @Test
    void returnsOnlyOnceTheThreadThatWroteTheFilterHasLeftTheUisLock() throws Exception {
        SparkConf conf = new SparkConf(false).set("spark.ui.filters", "com.example.AuthFilter");
        Object uiLock = new Object();
        AtomicBoolean handlersDone = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread rpc = new Thread(() -> {
            try {
                Thread.sleep(100);  // the wait has begun before the message comes
                synchronized (uiLock) {
                    conf.set("spark.ui.filters", AM_FILTER + ",com.example.AuthFilter");
                    written.countDown();
                    Thread.sleep(300);  // the handlers, one by one
                    handlersDone.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        rpc.start();
        assertTrue(YarnUiFilterWait.await(conf, uiLock, Duration.ofSeconds(30)));
        assertTrue(written.getCount() == 0 && handlersDone.get(), "returned while the RPC thread was still on the handlers");
        rpc.join();
    }

    @Test
    void findsTheFilterAfterTheUsersOwn() throws Exception {
        SparkConf conf = new SparkConf(false).set("spark.ui.filters", "com.example.AuthFilter, " + AM_FILTER);
        assertTrue(YarnUiFilterWait.await(conf, new Object(), Duration.ofMillis(1)));
    }

    @Test
    void givesUpAfterTheLimitWhenNoFilterComes() throws Exception {
        SparkConf conf = new SparkConf(false).set("spark.ui.filters", "com.example.AuthFilter");
        long start = System.nanoTime();
        assertFalse(YarnUiFilterWait.await(conf, new Object(), Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "gave up before the limit");
    }

    @Test
    void isInstalledForYarnClientModeWithAWebUiOnly() {
        SparkConf client = new SparkConf(false).set("spark.master", "yarn").set("spark.submit.deployMode", "client")
                .set("spark.plugins", "com.example.Plugin").set("spark.extraListeners", "com.example.Listener");
        YarnUiFilterWait.install(client);
        YarnUiFilterWait.install(client);
        assertEquals("com.example.Plugin," + YarnUiFilterWait.class.getName(), client.get("spark.plugins"));
        assertEquals("com.example.Listener," + YarnUiFilterWait.Barrier.class.getName(), client.get("spark.extraListeners"));

        for (SparkConf other : new SparkConf[] {
                new SparkConf(false).set("spark.master", "yarn").set("spark.submit.deployMode", "cluster"),
                new SparkConf(false).set("spark.master", "yarn").set("spark.ui.enabled", "false"),
                new SparkConf(false).set("spark.master", "local[2]"),
                new SparkConf(false).set("spark.master", "spark://127.0.0.1:7077").set("spark.submit.deployMode", "client")}) {
            YarnUiFilterWait.install(other);
            assertFalse(other.contains("spark.plugins") || other.contains("spark.extraListeners"), other.toDebugString());
        }
    }
}
