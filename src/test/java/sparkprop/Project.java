package sparkprop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the project (Maven passes its directory) and the real MNIST that data/fetch-mnist fetched. */
public final class Project {

    /** The project directory. */
    public static final Path DIRECTORY = Path.of(System.getProperty("sparkprop.projectDir", ".")).toAbsolutePath();

    private Project() {
    }

    /** data/mnist; fails the calling test, rather than skipping it, when it has not been fetched. */
    public static Path realMnist() {
        Path mnist = DIRECTORY.resolve("data/mnist");
        assertTrue(Files.isDirectory(mnist), mnist + " is missing: run data/fetch-mnist before the tests (the README's test command does)");
        return mnist;
    }
}
