package sparkprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a user's name becomes a file (HdfsTest has the same calls on HDFS). */
class StoragePathTest {

    @TempDir
    Path dir;

    @Test
    void aPlainPathIsALocalFileNamedAsWritten() {
        StoragePath relative = StoragePath.of("data/mnist");
        assertEquals("data/mnist", relative.toString());
        assertEquals("file:" + Path.of("data/mnist").toAbsolutePath(), relative.uri());
        assertTrue(relative.isLocal());
        assertEquals("data/mnist/train-images-idx3-ubyte", relative.resolve("train-images-idx3-ubyte").toString());
        assertEquals("data", relative.parent().toString());
        assertEquals("mnist", relative.name());
        assertEquals(".", StoragePath.of("model.json").parent().toString());
        assertEquals("/", StoragePath.of("/model.json").parent().toString());
    }

    @Test
    void aFileUriIsTheSameFileAsItsPath() {
        StoragePath uri = StoragePath.of("file://" + dir + "/m.json");
        assertEquals(dir + "/m.json", uri.toString());
        assertEquals(StoragePath.of(dir.resolve("m.json")), uri);
        assertEquals(dir.resolve("m.json"), uri.localPath());
    }

    @Test
    void aSchemeWithoutAFileSystemIsRefusedInOneLine() {
        StorageException e = assertThrows(StorageException.class, () -> StoragePath.of("nosuch://host/mnist"));
        assertEquals("nosuch://host/mnist: no file system can be opened for it (No FileSystem for scheme \"nosuch\")", e.getMessage());
    }

    @Test
    void writesWholeFilesReadableByTheOwnerOnlyAndNoChecksumFilesBeside() throws IOException {
        StoragePath file = StoragePath.of(dir.resolve("sub/m.csv"));
        file.writeAtomically("one\n".getBytes(StandardCharsets.UTF_8));
        file.writeAtomically("two\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("two\n", file.readString());
        assertEquals(List.of("m.csv"), file.parent().list().stream().map(StoragePath::name).toList(), "no temporary or .crc file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub/m.csv"))));

        StoragePath lock = StoragePath.of(dir.resolve(".lock"));
        assertTrue(lock.createExclusively("a".getBytes(StandardCharsets.UTF_8)));
        assertFalse(lock.createExclusively("b".getBytes(StandardCharsets.UTF_8)), "the second creator loses");
        assertEquals("a", lock.readString());
    }
}
