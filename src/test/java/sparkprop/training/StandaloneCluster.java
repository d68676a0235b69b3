package sparkprop.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;

import sparkprop.Project;

/**
 * A real Spark standalone cluster for tests, started and stopped by the project's own scripts
 * (submit/cluster-start, submit/cluster-stop) in a directory and on ports of its own.
 */
final class StandaloneCluster implements AutoCloseable {

    static final Path PROJECT = Project.DIRECTORY;

    private final Path directory;
    private final int masterPort;
    private final Map<String, String> environment;

    StandaloneCluster(Path directory, int masterPort, int workers) throws IOException, InterruptedException {
        this.directory = directory;
        this.masterPort = masterPort;
        this.environment = Map.of("SPARKPROP_CLUSTER_DIR", directory.toString(),
                "SPARKPROP_MASTER_PORT", String.valueOf(masterPort),
                "SPARKPROP_MASTER_UI_PORT", String.valueOf(masterPort + 1000));
        run("submit/cluster-start", "--workers", String.valueOf(workers), "--memory", "1g");
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /**
     * A driver configuration for this cluster, shipping the project's classes as a jar, with the
     * cluster's secret and security settings (what submit/train hands an application).
     */
    SparkConf driverConf(String appName) throws IOException {
        return new SparkConf().setMaster(masterUrl()).setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "512m")
                .set("spark.jars", applicationJar().toString())
                .set("spark.authenticate", "true")
                .set("spark.authenticate.secret", Files.readString(directory.resolve("private/secret")).trim())
                .set("spark.network.crypto.enabled", "true")
                .set("spark.network.crypto.saslFallback", "false");
    }

    /** The pid of worker i's daemon (1-based). */
    long workerPid(int i) throws IOException {
        return Long.parseLong(Files.readString(directory.resolve("pids/worker-" + i + ".pid")).trim());
    }

    /** Kills worker i and the executors it launched, as kill -9 does. Returns how many processes. */
    int killWorker(int i) throws IOException {
        ProcessHandle worker = ProcessHandle.of(workerPid(i)).orElseThrow(() -> new IllegalStateException("worker " + i + " is not running"));
        List<ProcessHandle> all = Stream.concat(Stream.of(worker), worker.descendants()).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        return all.size();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("submit/cluster-stop");
    }

    private void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("scripts.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Files.createDirectories(directory);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("scripts.log").toFile()));
        builder.environment().putAll(environment);
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": "
                    + Files.readString(directory.resolve("scripts.log")));
        }
    }

    /** target/classes as a jar, for executors (a directory cannot be shipped as spark.jars). */
    private Path applicationJar() throws IOException {
        Path classes = PROJECT.resolve("target/classes");
        Path jar = directory.resolve("sparkprop-test.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
