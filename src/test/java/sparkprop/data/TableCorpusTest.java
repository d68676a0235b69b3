package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.io.StoragePath;

/**
 * Broken CSV and Parquet tables, made from good ones by one change at the first, a middle and the
 * last row: each is refused when the data is opened, with a message naming the file, the line or
 * row, what was expected and what was found.
 */
class TableCorpusTest {

    @TempDir
    static Path dir;

    /** One session for all cases: opening the data uses the running session when there is one. */
    private static SparkSession spark;
    private static List<String> goodLines;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("TableCorpusTest").config("spark.ui.enabled", "false").getOrCreate();
        Path idx = dir.resolve("idx");
        IdxWriter.writeDigits(idx, 9, 3, 2, 5, false);
        TableWriter.writeCsv(idx, dir.resolve("good"), false);
        goodLines = Files.readAllLines(dir.resolve("good").resolve(Mnist.TRAIN_CSV));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void goodCsvOpens() {
        assertEquals(9, Mnist.open(StoragePath.of(dir.resolve("good")), 0).training().size());
    }

    @Test
    void everyBrokenCsvLineIsNamed() throws IOException {
        int last = goodLines.size() - 1;
        for (int line : new int[] {0, last / 2, last}) {
            int n = line + 1;
            String file = dir.resolve("case").resolve(Mnist.TRAIN_CSV).toString();
            assertRefused(line, fields -> drop(fields), file + ": line " + n + ": expected 5 comma-separated values (a label and 4 pixels,"
                    + " as on the first line), found 4", line == 0);
            assertRefused(line, fields -> fields + ",7", file + ": line " + n + ": expected 5 comma-separated values", line == 0);
            assertRefused(line, fields -> replace(fields, 2, "x"), file + ": line " + n + ", value 3: expected a whole number, found 'x'", false);
            assertRefused(line, fields -> replace(fields, 4, ""), file + ": line " + n + ", value 5: expected a whole number, found ''", false);
            assertRefused(line, fields -> replace(fields, 1, "256"), file + ": line " + n + ", pixel 0: expected a value 0 to 255, found 256", false);
            assertRefused(line, fields -> replace(fields, 3, "-1"), file + ": line " + n + ", pixel 2: expected a value 0 to 255, found -1", false);
            assertRefused(line, fields -> replace(fields, 0, "10"), file + ": line " + n + ": expected a digit label 0 to 9, found 10", false);
        }
    }

    @Test
    void emptyMissingAndMismatchedCsvFilesAreNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve(Mnist.TRAIN_CSV), "");
        Files.copy(dir.resolve("good").resolve(Mnist.TEST_CSV), empty.resolve(Mnist.TEST_CSV));
        assertMessage(empty, empty.resolve(Mnist.TRAIN_CSV) + ": expected lines of a label and pixels, found an empty file");

        Path alone = Files.createDirectories(dir.resolve("alone"));
        Files.copy(dir.resolve("good").resolve(Mnist.TRAIN_CSV), alone.resolve(Mnist.TRAIN_CSV));
        assertMessage(alone, alone + ": expected mnist_test.csv beside mnist_train.csv, found none");

        Path wider = Files.createDirectories(dir.resolve("wider"));
        Files.copy(dir.resolve("good").resolve(Mnist.TRAIN_CSV), wider.resolve(Mnist.TRAIN_CSV));
        Files.writeString(wider.resolve(Mnist.TEST_CSV), "3,1,2,3,4,5\n");
        assertMessage(wider, wider.resolve(Mnist.TEST_CSV) + ": expected images of 4 pixels like " + wider.resolve(Mnist.TRAIN_CSV)
                + ", found 5");
    }

    @Test
    void brokenParquetTablesAreNamed() {
        StructType columns = schema(DataTypes.IntegerType, DataTypes.IntegerType);
        assertParquet("null-label", columns, row(null, 1, 2), ": row 1: expected a digit label 0 to 9, found null");
        assertParquet("label-11", columns, row(11, 1, 2), ": row 1: expected a digit label 0 to 9, found 11");
        assertParquet("null-pixel", columns, row(3, 1, null), ": row 1, pixel 1: expected a value 0 to 255, found null");
        assertParquet("pixel-300", columns, row(3, 300, 2), ": row 1, pixel 0: expected a value 0 to 255, found 300");
        assertParquet("doubles", schema(DataTypes.IntegerType, DataTypes.DoubleType), row(3, 1.0, 2.0),
                ": column p0: expected whole numbers (byte, short, int or long), found double");
        StructType noLabel = new StructType(new StructField[] {DataTypes.createStructField("digit", DataTypes.IntegerType, true),
                DataTypes.createStructField("p0", DataTypes.IntegerType, true)});
        assertParquet("no-label", noLabel, RowFactory.create(3, 1), ": expected a whole-number column named label and either one array"
                + " column of pixels or one column per pixel, found columns digit, p0");
        StructType array = new StructType(new StructField[] {DataTypes.createStructField("label", DataTypes.IntegerType, true),
                DataTypes.createStructField("pixels", DataTypes.createArrayType(DataTypes.IntegerType), true)});
        assertParquet("short-array", array, RowFactory.create(3, new Integer[] {1}),
                ": row 1: expected an array of 2 pixels (as in row 0), found 1 values");
    }

    /** A good first row, then {@code bad}, written as train.parquet beside a good test.parquet. */
    private static void assertParquet(String name, StructType schema, Row bad, String expectedAfterFile) {
        Path directory = dir.resolve("parquet-" + name);
        Row good = bad.size() == 2 && schema.fields()[1].dataType() instanceof org.apache.spark.sql.types.ArrayType
                ? RowFactory.create(1, new Integer[] {1, 2}) : goodRow(schema);
        spark.createDataFrame(List.of(good, bad), schema).coalesce(1).write().parquet(directory.resolve(Mnist.TRAIN_PARQUET).toString());
        spark.createDataFrame(List.of(good), schema).write().parquet(directory.resolve(Mnist.TEST_PARQUET).toString());
        assertMessage(directory, directory.resolve(Mnist.TRAIN_PARQUET) + expectedAfterFile);
    }

    private static Row goodRow(StructType schema) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = schema.fields()[i].dataType().equals(DataTypes.DoubleType) ? (Object) 1.0 : (Object) 1;
        }
        return RowFactory.create(values);
    }

    private static StructType schema(DataType label, DataType pixel) {
        return new StructType(new StructField[] {DataTypes.createStructField("label", label, true),
                DataTypes.createStructField("p0", pixel, true), DataTypes.createStructField("p1", pixel, true)});
    }

    private static Row row(Object... values) {
        return RowFactory.create(values);
    }

    /** The good CSV with line {@code line} changed; the first line's change may also change the expected width. */
    private static void assertRefused(int line, UnaryOperator<String> change, String expectedStart, boolean changesWidth) throws IOException {
        Path directory = dir.resolve("case");
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>(goodLines);
        lines.set(line, change.apply(lines.get(line)));
        Files.write(directory.resolve(Mnist.TRAIN_CSV), lines);
        Files.copy(dir.resolve("good").resolve(Mnist.TEST_CSV), directory.resolve(Mnist.TEST_CSV),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(directory), 0)).getMessage();
        if (changesWidth) {
            // The first line sets the width, so the other lines (or the test file) are found to differ.
            assertTrue(message.startsWith(directory.toString()), message);
        } else {
            assertTrue(message.startsWith(expectedStart), "expected " + expectedStart + ", found " + message);
        }
    }

    private static void assertMessage(Path directory, String expected) {
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(directory), 0)).getMessage();
        assertEquals(expected, message);
    }

    private static String drop(String fields) {
        return fields.substring(0, fields.lastIndexOf(','));
    }

    private static String replace(String fields, int index, String value) {
        String[] parts = fields.split(",", -1);
        parts[index] = value;
        return String.join(",", parts);
    }
}
