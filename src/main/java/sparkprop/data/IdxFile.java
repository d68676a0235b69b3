package sparkprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import sparkprop.io.StoragePath;

/**
 * Reads IDX files, raw or gzip-compressed (told apart by the gzip magic bytes, not the name), from any
 * file system ({@link StoragePath}).
 * Every failure is a {@link BadDataException} that names the file and says what was expected and
 * what was found; nothing is allocated from a header's sizes before they are checked.
 */
public final class IdxFile {

    /** The IDX type code of unsigned bytes, the only type MNIST uses. */
    private static final int UNSIGNED_BYTE = 0x08;
    /** Bytes read at a time by {@link #records}; under glibc's 128 KB threshold for mapping a buffer of its own. */
    private static final int READ_CHUNK = 64 << 10;

    private IdxFile() {
    }

    /** Reads and checks the header: magic 0x0000 08 D, D positive dimension sizes, and (for a raw file) the length. */
    public static IdxHeader header(StoragePath file) {
        try (DataInputStream in = open(file)) {
            int magic = readInt(in, file, 0, "the magic number");
            int type = (magic >>> 8) & 0xFF;
            int dimensionCount = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dimensionCount < 1 || dimensionCount > 4) {
                throw new BadDataException(String.format(
                        "%s: expected an IDX magic number 0x000008nn (unsigned bytes, 1 to 4 dimensions), found 0x%08X", file, magic));
            }
            int[] dimensions = new int[dimensionCount];
            for (int d = 0; d < dimensionCount; d++) {
                dimensions[d] = readInt(in, file, 4 + 4 * d, "dimension " + d + " of " + dimensionCount);
                if (dimensions[d] <= 0) {
                    throw new BadDataException(file + ": dimension " + d + " at byte " + (4 + 4 * d)
                            + ": expected a positive size, found " + dimensions[d]);
                }
            }
            IdxHeader header = new IdxHeader(file.toString(), dimensions);
            if (!isGzip(file)) {
                long length = file.length();
                if (length != header.expectedBytes()) {
                    throw new BadDataException(file + ": the header promises " + header.count() + " records of "
                            + header.recordSize() + " bytes (" + header.expectedBytes() + " bytes in all), found a file of " + length + " bytes"
                            + (length < header.expectedBytes() ? " (truncated)" : ""));
                }
            }
            return header;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Checks that the file holds every byte its header promises. For a raw file {@link #header}
     * already compared the lengths; a gzip file is decompressed to count. Run once where the data is
     * opened, so that a truncated file is reported there rather than by a failed Spark task.
     */
    public static void checkComplete(StoragePath file, IdxHeader header) {
        try {
            if (!isGzip(file)) {
                return;
            }
            long length;
            try (InputStream in = new GZIPInputStream(file.open(), 1 << 16)) {
                length = in.transferTo(OutputStream.nullOutputStream());
            }
            if (length != header.expectedBytes()) {
                throw new BadDataException(file + ": the header promises " + header.count() + " records of " + header.recordSize()
                        + " bytes (" + header.expectedBytes() + " bytes uncompressed), found " + length + " bytes uncompressed"
                        + (length < header.expectedBytes() ? " (truncated)" : ""));
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Records {@code from} (inclusive) to {@code to} (exclusive), one after another, as unsigned byte
     * values. The caller has checked the range against {@link #header}.
     */
    public static byte[] records(StoragePath file, IdxHeader header, int from, int to) {
        long recordSize = header.recordSize();
        long bytes = (to - from) * recordSize;
        if (from < 0 || to > header.count() || from > to || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("records " + from + " to " + to + " of " + header);
        }
        byte[] data = new byte[(int) bytes];
        long offset = header.headerBytes() + from * recordSize;
        try (DataInputStream in = openAt(file, offset)) {
            // In chunks: a local file's read of n bytes into an array goes through a native buffer of n
            // bytes, malloc'd afresh, so one read of a partition's 23 MB faulted in 5,600 new pages
            // (docs/PERFORMANCE.md, "Huge pages"); a chunk's buffer is reused from malloc's arena.
            for (int done = 0; done < data.length; done += READ_CHUNK) {
                in.readFully(data, done, Math.min(READ_CHUNK, data.length - done));
            }
        } catch (EOFException e) {
            throw new BadDataException(file + ": expected " + bytes + " bytes of records " + from + " to " + (to - 1)
                    + " from byte " + offset + ", found the end of the file first (truncated)");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return data;
    }

    /** An IDX file of unsigned bytes: its header (magic 0x0000 08 D, then the D dimension sizes) and {@code records}. */
    public static byte[] encode(int[] dimensions, byte[] records) {
        ByteBuffer file = ByteBuffer.allocate(4 + 4 * dimensions.length + records.length); // big-endian, as IDX is
        file.putInt(UNSIGNED_BYTE << 8 | dimensions.length);
        for (int size : dimensions) {
            file.putInt(size);
        }
        return file.put(records).array();
    }

    private static DataInputStream open(StoragePath file) throws IOException {
        return openAt(file, 0);
    }

    /**
     * The file's uncompressed bytes from {@code offset}. A raw file is read from there (on HDFS only
     * the blocks that hold the range are fetched); a gzip stream has to be decompressed from its start.
     */
    private static DataInputStream openAt(StoragePath file, long offset) throws IOException {
        if (isGzip(file)) {
            DataInputStream in = new DataInputStream(new GZIPInputStream(new BufferedInputStream(file.open(), 1 << 16), 1 << 16));
            in.skipNBytes(offset);
            return in;
        }
        return new DataInputStream(new BufferedInputStream(file.openAt(offset), 1 << 16));
    }

    private static boolean isGzip(StoragePath file) throws IOException {
        try (InputStream in = file.open()) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static int readInt(DataInputStream in, StoragePath file, long offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new BadDataException(file + ": expected " + what + " (4 bytes) at byte " + offset + ", found the end of the file (truncated header)");
        }
    }

    private static BadDataException unreadable(StoragePath file, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return new BadDataException(file + ": no such file");
        }
        if (e instanceof EOFException) {
            return new BadDataException(file + ": expected a complete gzip stream, found one cut short (truncated)");
        }
        if (e instanceof ZipException) {
            return new BadDataException(file + ": expected gzip-compressed data, found a damaged stream (" + e.getMessage() + ")");
        }
        return new BadDataException(file + ": cannot be read as an IDX file: " + StoragePath.firstLine(e), e);
    }
}
