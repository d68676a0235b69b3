package sparkprop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.JMException;
import javax.management.ObjectName;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;

/**
 * Keeps HotSpot's optimizing compiler, C2, on the kernel in a run of few Spark jobs: the directives
 * of {@code kernel-only-c2.json}, added to this JVM when the run starts (jcmd's
 * {@code Compiler.directives_add}, through the JVM's diagnostic-command MBean).
 *
 * <p>Local SGD and the sequential trainer spend nearly all their time in the kernel, which C2 compiles
 * soon; Spark's own code runs in tens of jobs an epoch and never gets hot, so compiling it with C2
 * only takes a core from the tasks while the run is young. The exact mode is left alone: one job per
 * mini-batch makes Spark's scheduling and serialization hot, and with these directives its warmed steps
 * were about a fifth slower (docs/PERFORMANCE.md, "C2 for the kernel alone").
 *
 * <p>A method is excluded for good once C2 has been refused it, so the directives are added once per
 * JVM and kept. submit/spark-submit gives them to a driver's JVM from its start when the command line
 * asks for such a run ({@code -XX:CompilerDirectivesFile}, this same file), so that C2 leaves
 * SparkSubmit's and the SparkContext's start-up code alone too; otherwise the driver takes them when
 * the run's options have been read (in local mode it is the executor too). Executors of a cluster take
 * them as they start, from {@link KernelOnlyC2Plugin}.
 */
final class KernelOnlyC2 {
    private static final Logger LOG = LogManager.getLogger("sparkprop");
    static final String DIRECTIVES = "kernel-only-c2.json";
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    /** Whether this JVM has been given the directives (or tried to take them). */
    private static final AtomicBoolean TAKEN = new AtomicBoolean();

    private KernelOnlyC2() {
    }

    /** Whether the run is one of few Spark jobs: local SGD or the sequential trainer. */
    static boolean suits(TrainOptions options) {
        return options.trainer() == TrainOptions.TrainerChoice.SEQUENTIAL || !options.syncEvery().exact();
    }

    /**
     * Adds the directives, unless the JVM was given them at its start, and logs which; on a JVM
     * without HotSpot's diagnostic commands the run goes on as it is, and the log says why.
     */
    static void apply() {
        if (!TAKEN.compareAndSet(false, true)) {
            return;
        }
        try {
            String how = givenAtStart() ? "compiler directives given at the JVM's start" : add();
            LOG.info("C2 compiles only sparkprop's and the Vector API's methods in this run of few Spark jobs ({})", how);
        } catch (IOException | JMException | RuntimeException e) {
            LOG.info("every method may be compiled by C2: the compiler directives were not added ({})", e.toString());
        }
    }

    /**
     * For a run of many Spark jobs in a JVM that was given the directives at its start: removes them
     * (jcmd's {@code Compiler.directives_clear}), so that C2 compiles Spark's job path from here on.
     * The launcher reads the command line and this class the parsed options; where they disagree, the
     * options win.
     */
    static void lift() {
        if (!givenAtStart()) {
            return;
        }
        try {
            diagnosticCommand("compilerDirectivesClear");
            LOG.info("every method may be compiled by C2 from here on in this run of many Spark jobs (the compiler directives given at the"
                    + " JVM's start were removed)");
        } catch (JMException | RuntimeException e) {
            LOG.warn("the compiler directives given at the JVM's start were not removed ({})", e.toString());
        }
    }

    /** Whether this JVM was started with the directives ({@code -XX:CompilerDirectivesFile=.../kernel-only-c2.json}). */
    static boolean givenAtStart() {
        return givenAtStart(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static boolean givenAtStart(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> argument.startsWith("-XX:CompilerDirectivesFile=") && argument.endsWith("/" + DIRECTIVES));
    }

    /**
     * Where this JVM, the driver, took the directives, the application's executors take them too
     * (on a cluster they are JVMs of their own, where C2 compiling Spark took the one core of each
     * for the first seconds: docs/PERFORMANCE.md, "C2 for the kernel alone, on a cluster's executors").
     */
    static void forExecutors(SparkConf conf) {
        if (TAKEN.get()) {
            withPlugin(conf);
        }
    }

    /** {@link KernelOnlyC2Plugin} added to {@code spark.plugins}, after any plugins already named there. */
    static SparkConf withPlugin(SparkConf conf) {
        return conf.set("spark.plugins", ClassNames.appended(conf.get("spark.plugins", ""), KernelOnlyC2Plugin.class.getName()));
    }

    /** Adds the directives; returns the JVM's answer, "2 compiler directives added", or throws. */
    static String add() throws IOException, JMException {
        // The diagnostic command reads a file: a copy of the jar's resource, gone once read.
        Path file = Files.createTempFile("sparkprop-", "-" + DIRECTIVES);
        try {
            try (InputStream in = KernelOnlyC2.class.getResourceAsStream(DIRECTIVES)) {
                if (in == null) {
                    throw new IOException(DIRECTIVES + ": expected beside " + KernelOnlyC2.class.getName() + " on the class path, found none");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            String said = diagnosticCommand("compilerDirectivesAdd", file.toString()).trim();
            // A directive the JVM cannot parse is not an exception: the answer says so instead.
            if (!said.endsWith("compiler directives added")) {
                throw new IllegalStateException(DIRECTIVES + ": the JVM refused it: " + said);
            }
            return said;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs one of jcmd's commands (in the MBean's camel case) in this JVM and returns its output. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()}));
    }
}
