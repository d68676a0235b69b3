package sparkprop.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.scheduler.SparkListener;

/**
 * Keeps Spark 4.2's driver from failing to start in YARN client mode, where two of its threads can
 * change the web UI's Jetty handlers at once.
 *
 * <p>In client mode the ApplicationMaster registers with the ResourceManager, which lets the
 * driver's SparkContext go on, and then sends the driver its web filter ({@code AmIpFilter}, which sends
 * browsers through the ResourceManager's proxy). An RPC thread adds that filter to every handler of
 * the UI, holding the UI's lock ({@code YarnSchedulerBackend.addWebUIFilter}). Meanwhile the thread
 * that builds the SparkContext adds the configured filters to the same handlers and starts them
 * ({@code SparkUI.attachAllHandlers}), without that lock. When the two overlap, Jetty sees its lists
 * change under it: the driver stopped with {@code ConcurrentModificationException} in
 * {@code ServletHandler.initialize}, or {@code IllegalStateException: No filter named org.apache.spark.deploy.yarn.AmIpFilter},
 * in two of this project's runs of {@code src/test/sh/hadoop-test}.
 *
 * <p>Spark builds its extra listeners ({@code spark.extraListeners}) on the SparkContext's thread,
 * after the application is running and before {@code attachAllHandlers}. {@link Barrier} waits there
 * until the filter is in the driver's configuration (the RPC thread writes it under the UI's lock,
 * before it touches a handler), then takes the UI's lock once, which it gets only when the RPC thread
 * is done. The filter is then on every handler before any is started, as when the message comes
 * early. The UI object comes from the driver plugin, the one extension Spark hands the SparkContext.
 */
public final class YarnUiFilterWait implements SparkPlugin {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    /**
     * The simple name of the filter the ApplicationMaster sends: Spark 4.2's is
     * {@code org.apache.spark.deploy.yarn.AmIpFilter}; any class of that simple name counts.
     */
    private static final String AM_FILTER_NAME = "AmIpFilter";

    /** The ApplicationMaster sends its filter as soon as it has registered; past this, the driver goes on without it. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** The UI's lock of the SparkContext being built (Spark allows one per JVM), from the plugin to the listener. */
    private static final AtomicReference<Object> UI_LOCK = new AtomicReference<>();

    /** Adds the plugin and the listener to {@code conf} when it is for YARN client mode with a web UI; otherwise leaves it. */
    static void install(SparkConf conf) {
        boolean yarnClient = conf.get("spark.master", "").equals("yarn") && conf.get("spark.submit.deployMode", "client").equals("client");
        if (yarnClient && conf.getBoolean("spark.ui.enabled", true)) {
            conf.set("spark.plugins", ClassNames.appended(conf.get("spark.plugins", ""), YarnUiFilterWait.class.getName()));
            conf.set("spark.extraListeners", ClassNames.appended(conf.get("spark.extraListeners", ""), Barrier.class.getName()));
        }
    }

    /**
     * Returns once {@code conf}'s {@code spark.ui.filters} names the ApplicationMaster's filter and no
     * thread holds {@code uiLock}, or after {@code limit}; true when the filter came.
     */
    static boolean await(SparkConf conf, Object uiLock, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!namesAmFilter(conf.get("spark.ui.filters", ""))) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        synchronized (uiLock) {
            return true;  // the thread that wrote the filter has left the lock, done with every handler
        }
    }

    private static boolean namesAmFilter(String filters) {
        return ClassNames.names(filters).anyMatch(name -> name.endsWith("." + AM_FILTER_NAME));
    }

    @Override
    public DriverPlugin driverPlugin() {
        return new DriverPlugin() {
            @Override
            public Map<String, String> init(SparkContext sc, PluginContext context) {
                if (sc.ui().isDefined()) {
                    UI_LOCK.set(sc.ui().get());
                }
                return Map.of();
            }
        };
    }

    /** Nothing runs on the executors. */
    @Override
    public ExecutorPlugin executorPlugin() {
        return null;
    }

    /** Built by Spark on the SparkContext's thread just before the UI's handlers start; waits there (see the class). */
    public static final class Barrier extends SparkListener {

        public Barrier(SparkConf conf) throws InterruptedException {
            Object uiLock = UI_LOCK.getAndSet(null);
            if (uiLock == null) {
                return;  // no web UI
            }
            long start = System.nanoTime();
            if (await(conf, uiLock, LIMIT)) {
                LOG.info("the ApplicationMaster's web filter is on the UI's handlers before they start (waited {} ms)",
                        (System.nanoTime() - start) / 1_000_000);
            } else {
                LOG.warn("no web filter from the ApplicationMaster within {} s; starting the UI without waiting for it", LIMIT.toSeconds());
            }
        }
    }
}
