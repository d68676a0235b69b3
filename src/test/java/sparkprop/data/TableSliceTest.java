package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.io.StoragePath;
import sparkprop.network.Batch;

/** CSV and Parquet, read through Spark SQL, give the same blocks as the IDX files of the same images. */
class TableSliceTest {

    @TempDir
    static Path dir;

    @Test
    void csvAndParquetGiveTheSameBlocksAsIdx() throws IOException {
        Path idx = dir.resolve("idx");
        IdxWriter.writeDigits(idx, 37, 11, 4, 7, false);
        TableWriter.writeCsv(idx, dir.resolve("csv"), false);
        TableWriter.writeCsv(idx, dir.resolve("csv-with-header"), true);
        try (SparkSession spark = session()) {
            TableWriter.writeParquet(spark, idx, dir.resolve("parquet-columns"), false, 3);
            TableWriter.writeParquet(spark, idx, dir.resolve("parquet-array"), true, 3);
        }
        List<String> allTables = List.of("csv", "csv-with-header", "parquet-columns", "parquet-array");
        // Rashid's pixel scale on one table, the book's on the others.
        for (PixelScale scale : PixelScale.values()) {
            List<String> tables = scale == PixelScale.BOOK ? allTables : List.of("csv");
            Mnist expected = Mnist.open(StoragePath.of(idx), 30, scale);
            Map<String, Mnist> opened = new HashMap<>();
            for (String table : tables) {
                // Opening and reading in the driver start and stop a local Spark session of their own.
                Mnist mnist = Mnist.open(StoragePath.of(dir.resolve(table)), 30, scale);
                assertEquals(16, mnist.imageSize(), table);
                assertEquals("4×4", mnist.imageShape(), table);
                assertEquals(List.of(30, 0, 11), List.of(mnist.training().size(), mnist.validation().size(), mnist.test().size()), table);
                assertSameBlock(expected.training().read(), mnist.training().read(), table);
                assertSameBlock(expected.test().read(), mnist.test().read(), table);
                opened.put(table, mnist);
            }
            try (SparkSession spark = session()) {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                for (int partitions : new int[] {1, 2, 3, 7}) {
                    for (String table : tables) {
                        assertSameBlocks(expected.training().blocks(sc, partitions).collect(),
                                opened.get(table).training().blocks(sc, partitions).collect(), table + " in " + partitions);
                        assertSameBlocks(expected.validation().blocks(sc, partitions).collect(),
                                opened.get(table).validation().blocks(sc, partitions).collect(), table + " in " + partitions);
                    }
                }
            }
        }
    }

    private static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("TableSliceTest").config("spark.ui.enabled", "false").getOrCreate();
    }

    private static void assertSameBlocks(List<SampleBlock> expected, List<SampleBlock> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int b = 0; b < expected.size(); b++) {
            assertSameBlock(expected.get(b), actual.get(b), what + ", block " + b);
        }
    }

    private static void assertSameBlock(SampleBlock expected, SampleBlock actual, String what) {
        assertEquals(expected.first(), actual.first(), what);
        assertEquals(expected.size(), actual.size(), what);
        assertEquals(expected.inputSize(), actual.inputSize(), what);
        if (expected.size() == 0) {
            return;
        }
        int[] all = IntStream.range(expected.first(), expected.first() + expected.size()).toArray();
        Batch e = expected.select(all);
        Batch a = actual.select(all);
        assertArrayEquals(e.labels(), a.labels(), what);
        assertArrayEquals(e.inputs().data, a.inputs().data, 0.0, what);
        assertTrue(e.size() > 0);
    }
}
