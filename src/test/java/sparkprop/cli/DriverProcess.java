package sparkprop.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sparkprop.Project;

/** The application in a JVM of its own, as spark-submit runs it in client mode, on local[2]; its output appended to a log file. */
final class DriverProcess {

    private DriverProcess() {
    }

    static Process start(Path log, List<String> args) throws Exception {
        return start(log, List.of(), args);
    }

    /** The same, the JVM given {@code jvmOptions} too. */
    static Process start(Path log, List<String> jvmOptions, List<String> args) throws Exception {
        Path project = Project.DIRECTORY;
        List<String> command = new ArrayList<>(List.of("java", "@" + project.resolve("conf/java17-options"), "-Xmx2g",
                "-Dspark.master=local[2]", "-Dlog4j2.configurationFile=" + project.resolve("conf/log4j2.properties")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", project.resolve("target/classes") + File.pathSeparator
                + Files.readString(project.resolve("target/classpath.txt")).trim(), "sparkprop.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits up to 2 minutes, while the driver lives, for {@code done} to hold; says whether it does. */
    static boolean awaitWhileAlive(Process driver, java.util.concurrent.Callable<Boolean> done) throws Exception {
        for (int i = 0; i < 1200 && !done.call() && driver.isAlive(); i++) {
            Thread.sleep(100);
        }
        return done.call();
    }

    static String log(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
