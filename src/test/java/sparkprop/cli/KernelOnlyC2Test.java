package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.data.IdxWriter;

class KernelOnlyC2Test {

    @TempDir
    Path dir;

    /** In a JVM of its own, as submit/train runs it: the sequential trainer gets the directives, the exact mode does not. */
    @Test
    void theCommandAddsThemForARunOfFewJobsOnly() throws Exception {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, true);
        List<String> tiny = List.of("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "1");
        String sequential = finished(dir.resolve("sequential.log"), tiny, "--trainer", "sequential");
        assertTrue(sequential.contains("C2 compiles only sparkprop's and the Vector API's methods in this run of few Spark jobs"
                + " (2 compiler directives added)"), sequential);
        String exact = finished(dir.resolve("exact.log"), tiny);
        assertTrue(exact.contains("Epoch 0: ") && !exact.contains("C2 compiles only") && !exact.contains("compiler directives"), exact);
    }

    /**
     * A JVM started with the directives, as submit/spark-submit starts the driver of a run of few
     * jobs: such a run keeps them and adds none; a run of many jobs (the exact mode) removes them.
     */
    @Test
    void givenAtTheJvmsStartTheyAreKeptForFewJobsAndRemovedForMany() throws Exception {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, true);
        List<String> tiny = List.of("--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "1");
        List<String> atStart = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DisplayVMOutputToStderr",
                "-XX:CompilerDirectivesFile=" + Project.DIRECTORY.resolve("target/classes/sparkprop/cli/" + KernelOnlyC2.DIRECTIVES));
        String sequential = finished(dir.resolve("sequential.log"), atStart, tiny, "--trainer", "sequential");
        assertTrue(sequential.contains("2 compiler directives added"), "the JVM read the file: " + sequential);
        assertTrue(sequential.contains("C2 compiles only sparkprop's and the Vector API's methods in this run of few Spark jobs"
                + " (compiler directives given at the JVM's start)"), sequential);
        String exact = finished(dir.resolve("exact.log"), atStart, tiny);
        assertTrue(exact.contains("every method may be compiled by C2 from here on in this run of many Spark jobs (the compiler directives"
                + " given at the JVM's start were removed)") && exact.contains("Epoch 0: "), exact);
    }

    /** submit/train reads the command line as {@link KernelOnlyC2#suits} reads the options, and gives the directives from the start. */
    @Test
    void theLauncherGivesThemFromTheStartForARunOfFewJobsOnly() throws Exception {
        IdxWriter.writeDigits(dir, 200, 50, 6, 1, true);
        List<String> tiny = List.of("submit/train", "--master", "local[2]", "--data", dir.toString(), "--sizes", "36,20,10", "--epochs", "1");
        String localSgd = submitted(tiny, "--sync-every", "5");
        assertTrue(localSgd.contains("(compiler directives given at the JVM's start)"), localSgd);
        String exact = submitted(tiny, "--sync-every", "1");
        assertTrue(exact.contains("Epoch 0: ") && !exact.contains("compiler directives"), exact);
    }

    private static String submitted(List<String> command, String... more) throws Exception {
        Process train = new ProcessBuilder(Stream.concat(command.stream(), Stream.of(more)).toList())
                .directory(Project.DIRECTORY.toFile()).redirectErrorStream(true).start();
        String output = new String(train.getInputStream().readAllBytes());
        assertTrue(train.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, train.exitValue(), output);
        return output;
    }

    @Test
    void onlyTheProjectsOwnFileCountsAsGivenAtStart() {
        assertTrue(KernelOnlyC2.givenAtStart(List.of("-Xmx4g", "-XX:CompilerDirectivesFile=/p/target/classes/sparkprop/cli/kernel-only-c2.json")));
        assertFalse(KernelOnlyC2.givenAtStart(List.of("-XX:CompilerDirectivesFile=/home/me/mine.json")));
        assertFalse(KernelOnlyC2.givenAtStart(List.of("-Dnote=kernel-only-c2.json")));
    }

    private static String finished(Path log, List<String> options, String... more) throws Exception {
        return finished(log, List.of(), options, more);
    }

    private static String finished(Path log, List<String> jvmOptions, List<String> options, String... more) throws Exception {
        Process driver = DriverProcess.start(log, jvmOptions, Stream.concat(options.stream(), Stream.of(more)).toList());
        assertTrue(driver.waitFor(2, TimeUnit.MINUTES), "the run ended: " + DriverProcess.log(log));
        assertEquals(0, driver.exitValue(), DriverProcess.log(log));
        return DriverProcess.log(log);
    }

    @Test
    void executorsGetThePluginAfterAnyAlreadyNamedAndOnlyOnce() {
        String plugin = KernelOnlyC2Plugin.class.getName();
        assertEquals(plugin, KernelOnlyC2.withPlugin(new org.apache.spark.SparkConf(false)).get("spark.plugins"));
        org.apache.spark.SparkConf named = new org.apache.spark.SparkConf(false).set("spark.plugins", "a.Mine");
        assertEquals("a.Mine," + plugin, KernelOnlyC2.withPlugin(KernelOnlyC2.withPlugin(named)).get("spark.plugins"));
    }

    @Test
    void suitsLocalSgdAndTheSequentialTrainerButNotTheExactMode() {
        assertFalse(KernelOnlyC2.suits(TrainOptions.parse()));
        assertFalse(KernelOnlyC2.suits(TrainOptions.parse("--sync-every", "1")));
        assertTrue(KernelOnlyC2.suits(TrainOptions.parse("--sync-every", "500/P")));
        assertTrue(KernelOnlyC2.suits(TrainOptions.parse("--sync-every", "10", "--precision", "float32")));
        assertTrue(KernelOnlyC2.suits(TrainOptions.parse("--trainer", "sequential")));
    }

    @Test
    void theJvmTakesTheDirectivesAsWritten() throws Exception {
        int before = directiveCount();
        assertEquals("2 compiler directives added", KernelOnlyC2.add());
        try {
            String printed = KernelOnlyC2.diagnosticCommand("compilerDirectivesPrint");
            assertEquals(before + 2, directiveCount());
            // The first match wins: the kernel's packages may go to C2, and then nothing else may.
            int kernel = printed.indexOf("matching: jdk/internal/vm/vector/*.*, jdk/incubator/vector/*.*, sparkprop/*.*");
            int rest = printed.indexOf("matching: *.*");
            assertTrue(kernel >= 0 && rest > kernel, printed);
            assertTrue(printed.substring(kernel, rest).contains("c2 directives:\n  inline: -\n  Enable:true Exclude:false"), printed);
            assertTrue(printed.substring(rest).contains("c2 directives:\n  inline: -\n  Enable:true Exclude:true"), printed);
        } finally {
            // The test's JVM goes on to other tests: C2 back for every method not refused meanwhile.
            KernelOnlyC2.diagnosticCommand("compilerDirectivesRemove");
            KernelOnlyC2.diagnosticCommand("compilerDirectivesRemove");
        }
        assertEquals(before, directiveCount());
    }

    private static int directiveCount() throws Exception {
        return KernelOnlyC2.diagnosticCommand("compilerDirectivesPrint").split("Directive:", -1).length - 1;
    }
}
