package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;

/**
 * The project's own conf/ passes; a copy of it with one line changed (each kind of mistake, at the
 * end of each file) is refused with the file, the line, what was expected and what was found.
 */
class ConfCheckTest {

    @TempDir
    Path dir;

    @Test
    void theProjectsConfPasses() {
        ConfCheck.checkDirectory(Project.DIRECTORY.resolve("conf"));
    }

    @Test
    void sparkDefaultsMistakesAreNamed() throws IOException {
        assertRefused("spark-defaults.conf", "spark.exeutor.memory 1g",
                ": spark.exeutor.memory: expected a setting Spark knows, found an unknown key (did you mean spark.executor.memory?)");
        assertRefused("spark-defaults.conf", "executor.memory 1g",
                ": executor.memory: expected a key starting with spark. (Spark ignores any other), found 'executor.memory'");
        assertRefused("spark-defaults.conf", "spark.executor.memory lots",
                ": spark.executor.memory: expected a value of type 'bytes in MiB', found 'lots'");
        assertRefused("spark-defaults.conf", "spark.ui.showConsoleProgress maybe",
                ": spark.ui.showConsoleProgress: expected a value of type 'boolean', found 'maybe'");
        assertRefused("spark-defaults.conf", "spark.driver.memory 100m",
                ": spark.driver.memory: expected at least 450m (Spark's smallest heap), found '100m'");
        assertRefused("spark-defaults.conf", "spark.executor.cores 0", ": spark.executor.cores: expected a positive whole number, found '0'");
        assertRefused("spark-defaults.conf", "spark.sql.shuffle.partitions -3", ": spark.sql.shuffle.partitions: expected a valid value (Spark:");
    }

    @Test
    void commandLineSettingsAreCheckedAsTheFileIs() {
        ConfCheck.checkCommandLineSetting("spark.executor.memory=1500m");
        ConfCheck.checkCommandLineSetting("spark.log.structuredLogging.enabled=true");
        ConfCheck.checkCommandLineSetting("spark.hadoop.fs.defaultFS=file:///");
        ConfCheck.checkCommandLineSetting("spark.executor.instances=2"); // a setting without a default: Spark converts it to an Option
        assertEquals("--conf spark.executor.instances: expected a positive whole number, found '0'",
                assertThrows(UsageException.class, () -> ConfCheck.checkCommandLineSetting("spark.executor.instances=0")).getMessage());
        assertEquals("--conf spark.exeutor.memory: expected a setting Spark knows, found an unknown key (did you mean spark.executor.memory?)",
                assertThrows(UsageException.class, () -> ConfCheck.checkCommandLineSetting("spark.exeutor.memory=1500m")).getMessage());
        assertEquals("--conf spark.driver.memory: expected at least 450m (Spark's smallest heap), found '100m'",
                assertThrows(UsageException.class, () -> ConfCheck.checkCommandLineSetting("spark.driver.memory=100m")).getMessage());
        assertEquals("--conf spark.eventLog.enabled: expected a value of type 'boolean', found 'yes'",
                assertThrows(UsageException.class, () -> ConfCheck.checkCommandLineSetting("spark.eventLog.enabled=yes")).getMessage());
        assertEquals("--conf spark.eventLog.enabled: expected KEY=VALUE, found no '='",
                assertThrows(UsageException.class, () -> ConfCheck.checkCommandLineSetting("spark.eventLog.enabled")).getMessage());
    }

    @Test
    void javaOptionMistakesAreNamed() throws IOException {
        assertRefused("java17-options", "--add-opens java.base/java.lang=ALL-UNNAMED",
                ": expected --add-opens=module/package=ALL-UNNAMED, --add-exports=..., --add-modules=module or -Dkey=value, found '--add-opens java.base/java.lang=ALL-UNNAMED'");
        assertRefused("java17-options", "--add-modules=jdk.incubator.vectr", ": expected a module of this Java runtime, found 'jdk.incubator.vectr'");
        assertRefused("java17-options", "--add-opens=java.bsae/java.lang=ALL-UNNAMED",
                ": expected a module of this Java runtime, found 'java.bsae'");
        assertRefused("java17-options", "--add-opens=java.base/java.lnag=ALL-UNNAMED", ": expected a package of java.base, found 'java.lnag'");
    }

    @Test
    void logLevelMistakesAreNamed() throws IOException {
        assertRefused("log4j2.properties", "logger.sparkprop.level = chatty",
                ": logger.sparkprop.level: expected a log level (off, fatal, error, warn, info, debug, trace, all), found 'chatty'");
    }

    /** A copy of conf/ whose {@code file} ends with {@code line}; the message names that line. */
    private void assertRefused(String file, String line, String expectedAfterLine) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf-" + Math.abs((file + line).hashCode())));
        try (var files = Files.list(Project.DIRECTORY.resolve("conf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, conf.resolve(f.getFileName()));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(conf.resolve(file)));
        lines.add(line);
        Files.write(conf.resolve(file), lines);
        String message = assertThrows(UsageException.class, () -> ConfCheck.checkDirectory(conf)).getMessage();
        String prefix = conf.resolve(file) + ": line " + lines.size();
        assertEquals(prefix + expectedAfterLine, message.substring(0, Math.min(message.length(), (prefix + expectedAfterLine).length())));
    }
}
