package sparkprop.cli;

import java.util.Map;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Gives each executor the compiler directives of {@link KernelOnlyC2} as it starts, before its first
 * task: a Spark plugin ({@code spark.plugins}), which the driver names only in a run where it took
 * them itself. In local mode the executor is the driver's JVM, which already has them.
 */
public final class KernelOnlyC2Plugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {
                KernelOnlyC2.apply();
            }
        };
    }
}
