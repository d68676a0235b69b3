package sparkprop.io;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

import scala.Tuple2;

/**
 * A file or directory the user names (--data, --checkpoint-dir, --save, --init-from, --metrics, a
 * report's inputs and --out): a plain path, which is a file of the local disk, or a URI of any file
 * system whose Hadoop connector is on the class path ({@code hdfs://namenode:8020/mnist},
 * {@code file:/data}, {@code s3a://bucket/mnist} with hadoop-aws). This class is the one place where
 * such names become file-system calls, all through Hadoop's {@link FileSystem} API, so a name means
 * the same file on the driver and on every executor, and the rest of the code never asks which file
 * system it is on. It is serializable: a description of a file shipped to an executor, which opens
 * it there.
 *
 * <p>Messages name a local file by its plain path, as the user wrote it, and any other by its URI.
 */
public final class StoragePath implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What messages call the file: the plain path as written, or the URI. */
    private final String display;
    /** The fully qualified URI ({@code file:/abs/path}, {@code hdfs://host:port/path}). */
    private final String uri;

    private StoragePath(String display, String uri) {
        this.display = display;
        this.uri = uri;
    }

    /**
     * The file or directory a user's name means: a name with a scheme ({@code hdfs:}, {@code file:},
     * {@code s3a:}...) as that file system qualifies it (an {@code hdfs:///x} gets the default file
     * system's authority), any other name a path of the local disk, relative to the working directory.
     */
    public static StoragePath of(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("expected a path, found an empty one");
        }
        if (!hasScheme(name)) {
            // Written as Hadoop qualifies a local path (file:/abs/path), so both spellings are one file.
            return new StoragePath(name, new Path("file", null, new File(name).getAbsoluteFile().toPath().normalize().toString()).toString());
        }
        Path path = new Path(name);
        try {
            FileSystem fs = fileSystem(path);
            String qualified = fs.makeQualified(path).toString();
            return new StoragePath(isLocalUri(qualified) ? new Path(qualified).toUri().getPath() : qualified, qualified);
        } catch (IOException e) {
            throw new StorageException(name + ": no file system can be opened for it (" + firstLine(e) + ")", e);
        }
    }

    /** A local path, e.g. a JUnit temporary directory. */
    public static StoragePath of(java.nio.file.Path local) {
        return of(local.toString());
    }

    /** Whether a name starts with a URI scheme ({@code hdfs:}); a Windows-like "C:" is not expected here. */
    private static boolean hasScheme(String name) {
        int colon = name.indexOf(':');
        int slash = name.indexOf('/');
        return colon > 1 && (slash < 0 || colon < slash) && name.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /** The entry {@code name} of this directory. */
    public StoragePath resolve(String name) {
        return new StoragePath(join(display, name), join(uri, name));
    }

    private static String join(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    /** The directory holding this file. */
    public StoragePath parent() {
        Path parent = path().getParent();
        String trimmed = display.replaceAll("(?<=.)/+$", "");
        int slash = trimmed.lastIndexOf('/');
        String parentDisplay = slash < 0 ? "." : slash == 0 ? "/" : trimmed.substring(0, slash);
        if (parentDisplay.endsWith(":/") || parentDisplay.endsWith("//")) {
            parentDisplay = parent == null ? display : parent.toString(); // the root of a URI
        }
        return new StoragePath(parentDisplay, parent == null ? uri : parent.toString());
    }

    /** The last part of the path: the file's name. */
    public String name() {
        return path().getName();
    }

    /** The fully qualified URI, for Spark's own readers and for executors. */
    public String uri() {
        return uri;
    }

    /** Whether the file is on this machine's disk ({@code file:}): then {@link #localPath} names it. */
    public boolean isLocal() {
        return isLocalUri(uri);
    }

    /** The local file, for the few callers that hand it to a local-only library. */
    public java.nio.file.Path localPath() {
        if (!isLocal()) {
            throw new IllegalStateException(this + " is not a local file");
        }
        return java.nio.file.Path.of(URI.create(uri));
    }

    public boolean exists() throws IOException {
        return fs().exists(path());
    }

    public boolean isDirectory() throws IOException {
        try {
            return fs().getFileStatus(path()).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    public boolean isFile() throws IOException {
        try {
            return fs().getFileStatus(path()).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The files under this directory, at any depth, in path order. */
    public List<StoragePath> filesUnder() throws IOException {
        List<StoragePath> files = new ArrayList<>();
        for (FileStatus entry : entries()) {
            StoragePath child = resolve(entry.getPath().getName());
            if (entry.isDirectory()) {
                files.addAll(child.filesUnder());
            } else {
                files.add(child);
            }
        }
        return files;
    }

    /** The file's length in bytes. */
    public long length() throws IOException {
        return fs().getFileStatus(path()).getLen();
    }

    /** When the file was last written (or {@link #touch}ed), in milliseconds since 1970. */
    public long modificationTime() throws IOException {
        return fs().getFileStatus(path()).getModificationTime();
    }

    /** The entries of this directory, by name; none when it does not exist. */
    public List<StoragePath> list() throws IOException {
        return entries().stream().map(entry -> resolve(entry.getPath().getName())).toList();
    }

    /** The file system's listing of this directory, by name (each entry's status comes with it, at no extra call). */
    private List<FileStatus> entries() throws IOException {
        try {
            return Arrays.stream(fs().listStatus(path())).sorted(Comparator.comparing(s -> s.getPath().getName())).toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** Reads the file from its start. */
    public InputStream open() throws IOException {
        return fs().open(path(), 1 << 16);
    }

    /** Reads the file from byte {@code offset}: only the blocks from there on are fetched (a positioned read on HDFS). */
    public InputStream openAt(long offset) throws IOException {
        FSDataInputStream in = fs().open(path(), 1 << 16);
        try {
            if (offset > 0) {
                in.seek(offset);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    public String readString() throws IOException {
        return new String(readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the file with {@code content}, creating its directory when needed: written to a
     * temporary file beside it, forced to storage (fsync on a local disk, hsync on HDFS), then renamed
     * over it in one step, so a reader sees the old file or the new one, never half of one, and a
     * failed write (a full disk, a space quota) leaves the old file as it was and no temporary file.
     * The file is readable by its owner only, as every file this project writes (docs/SECURITY.md).
     */
    public void writeAtomically(byte[] content) throws IOException {
        if (isLocal()) {
            AtomicFile.write(localPath(), content);
            return;
        }
        FileSystem fs = fs();
        Path target = path();
        fs.mkdirs(target.getParent());
        Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".part");
        try {
            writeAndSync(fs.create(temporary, OWNER_ONLY, false, 1 << 16, fs.getDefaultReplication(temporary),
                    fs.getDefaultBlockSize(temporary), null), content);
            // FileContext's rename with OVERWRITE replaces the target in one step (one NameNode call on HDFS);
            // FileSystem's rename refuses an existing target.
            FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(temporary, target, Options.Rename.OVERWRITE);
        } finally {
            fs.delete(temporary, false);
        }
    }

    /**
     * Creates the file with {@code content} only if no file of that name exists, in one step of the
     * file system (O_EXCL on a local disk, the NameNode's create on HDFS): of two callers, one wins.
     * Returns false when the file exists.
     */
    public boolean createExclusively(byte[] content) throws IOException {
        FileSystem fs = fs();
        fs.mkdirs(path().getParent());
        try {
            writeAndSync(fs.create(path(), OWNER_ONLY, EnumSet.of(CreateFlag.CREATE), 1 << 12,
                    fs.getDefaultReplication(path()), fs.getDefaultBlockSize(path()), null), content);
            return true;
        } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (e.getClass().getSimpleName().equals("AlreadyBeingCreatedException") || String.valueOf(e.getMessage()).contains("already exists")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes, syncs to storage and closes. Not a try-with-resources: HDFS's stream throws the same
     * exception again from close (a space quota hit), which Java cannot add to itself as suppressed.
     */
    private static void writeAndSync(FSDataOutputStream out, byte[] content) throws IOException {
        try {
            out.write(content);
            out.hsync();
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
            } catch (IOException | RuntimeException again) {
                if (again != e) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        out.close();
    }

    /**
     * Renames this directory (or file) to {@code target} in one step of the file system (one NameNode
     * call on HDFS, rename(2) on a local disk), refusing a target that exists: a reader finds the
     * whole directory under the new name or nothing. (An object store such as S3 has no renames;
     * there Hadoop's connector copies, and the step is not atomic.)
     */
    public void renameTo(StoragePath target) throws IOException {
        FileSystem fs = fs();
        if (fs.exists(target.path())) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        // FileSystem's rename would move this into an existing target directory; refused above.
        if (!fs.rename(path(), target.path())) {
            throw new IOException("cannot rename " + this + " to " + target);
        }
    }

    /** Removes this directory and everything under it, or this file, if it exists; true when it did. */
    public boolean deleteRecursively() throws IOException {
        return fs().delete(path(), true);
    }

    /** Creates this directory and its parents, readable by their owner only; true when it exists afterwards. */
    public boolean makeDirectories() throws IOException {
        return fs().mkdirs(path(), new FsPermission((short) 0700));
    }

    /** Sets the modification time to now: a lock holder's sign of life. */
    public void touch() throws IOException {
        fs().setTimes(path(), System.currentTimeMillis(), -1);
    }

    /** Removes the file if it exists; true when it did. */
    public boolean delete() throws IOException {
        return fs().delete(path(), false);
    }

    /**
     * The hosts that store the most of bytes {@code offset} to {@code offset + length − 1} (the
     * DataNodes holding those HDFS blocks; several when they hold as much): where a task reading them
     * runs NODE_LOCAL. Empty for a local file, which every host is assumed to read alike.
     */
    public List<String> hostsOf(long offset, long length) throws IOException {
        if (isLocal()) {
            return List.of();
        }
        FileSystem fs = fs();
        FileStatus status = fs.getFileStatus(path());
        Map<String, Long> bytesByHost = new LinkedHashMap<>();
        for (BlockLocation block : fs.getFileBlockLocations(status, offset, Math.max(1, length))) {
            long overlap = Math.min(block.getOffset() + block.getLength(), offset + length) - Math.max(block.getOffset(), offset);
            for (String host : block.getHosts()) {
                bytesByHost.merge(host, Math.max(0, overlap), Long::sum);
            }
        }
        long most = bytesByHost.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return bytesByHost.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public String toString() {
        return display;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoragePath p && p.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    private Path path() {
        return new Path(uri);
    }

    private FileSystem fs() throws IOException {
        return fileSystem(path());
    }

    private static final FsPermission OWNER_ONLY = new FsPermission((short) 0600);

    /** The file system of {@code path}; a local file goes to the raw local file system, which writes no ".crc" files beside it. */
    private static FileSystem fileSystem(Path path) throws IOException {
        Configuration conf = configuration();
        String scheme = path.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return FileSystem.getLocal(conf).getRaw();
        }
        return path.getFileSystem(conf);
    }

    private static boolean isLocalUri(String uri) {
        return uri.startsWith("file:");
    }

    private static volatile Configuration configuration;

    /**
     * Hadoop's configuration as Spark gives it to its own readers: Hadoop's files on the class path
     * ({@code core-site.xml}, {@code hdfs-site.xml} from HADOOP_CONF_DIR, which spark-submit and YARN
     * put there) and every {@code spark.hadoop.*} setting of the application, on the driver and on
     * the executors alike. An executor's settings are its SparkEnv's; the driver may name a file
     * before its SparkContext starts, when spark-submit has already put the settings into system
     * properties, which a new SparkConf reads (without spark-submit there are none).
     */
    public static Configuration configuration() {
        Configuration conf = configuration;
        if (conf == null) {
            conf = new Configuration();
            SparkEnv env = SparkEnv.get();
            for (Tuple2<String, String> entry : (env != null ? env.conf() : new SparkConf()).getAll()) {
                if (entry._1().startsWith("spark.hadoop.")) {
                    conf.set(entry._1().substring("spark.hadoop.".length()), entry._2());
                }
            }
            configuration = conf;
        }
        return conf;
    }

    /** The first line of an exception's message: Hadoop's remote exceptions carry a server's stack trace after it. */
    public static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
