package sparkprop.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkprop.io.StoragePath;

/** Writes the images of an IDX directory again as Rashid's CSV files and as Parquet tables, for tests. */
public final class TableWriter {

    private TableWriter() {
    }

    /** Every record of an IDX pair: the label first, then the pixels 0 to 255. */
    public static List<int[]> records(Path images, Path labels) {
        IdxHeader imageHeader = IdxFile.header(StoragePath.of(images));
        IdxHeader labelHeader = IdxFile.header(StoragePath.of(labels));
        byte[] pixels = IdxFile.records(StoragePath.of(images), imageHeader, 0, imageHeader.count());
        byte[] digits = IdxFile.records(StoragePath.of(labels), labelHeader, 0, labelHeader.count());
        int size = (int) imageHeader.recordSize();
        List<int[]> rows = new ArrayList<>();
        for (int r = 0; r < digits.length; r++) {
            int[] row = new int[size + 1];
            row[0] = digits[r] & 0xFF;
            for (int p = 0; p < size; p++) {
                row[p + 1] = pixels[r * size + p] & 0xFF;
            }
            rows.add(row);
        }
        return rows;
    }

    /** mnist_train.csv and mnist_test.csv in {@code target}, with a header line when asked. */
    public static void writeCsv(Path idx, Path target, boolean header) throws IOException {
        Files.createDirectories(target);
        writeCsv(records(idx.resolve(Mnist.TRAIN_IMAGES), idx.resolve(Mnist.TRAIN_LABELS)), target.resolve(Mnist.TRAIN_CSV), header);
        writeCsv(records(idx.resolve(Mnist.TEST_IMAGES), idx.resolve(Mnist.TEST_LABELS)), target.resolve(Mnist.TEST_CSV), header);
    }

    public static void writeCsv(List<int[]> rows, Path file, boolean header) throws IOException {
        StringBuilder text = new StringBuilder();
        if (header) {
            text.append("label");
            for (int p = 1; p < rows.get(0).length; p++) {
                text.append(",pixel").append(p - 1);
            }
            text.append('\n');
        }
        for (int[] row : rows) {
            for (int v = 0; v < row.length; v++) {
                text.append(v == 0 ? "" : ",").append(row[v]);
            }
            text.append('\n');
        }
        Files.writeString(file, text);
    }

    /**
     * train.parquet and test.parquet in {@code target}, each as {@code parts} part files, with the
     * pixels in one array column or one column each.
     */
    public static void writeParquet(SparkSession spark, Path idx, Path target, boolean array, int parts) {
        writeParquet(spark, records(idx.resolve(Mnist.TRAIN_IMAGES), idx.resolve(Mnist.TRAIN_LABELS)), target.resolve(Mnist.TRAIN_PARQUET),
                array, parts);
        writeParquet(spark, records(idx.resolve(Mnist.TEST_IMAGES), idx.resolve(Mnist.TEST_LABELS)), target.resolve(Mnist.TEST_PARQUET),
                array, parts);
    }

    private static void writeParquet(SparkSession spark, List<int[]> records, Path file, boolean array, int parts) {
        int pixels = records.get(0).length - 1;
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
        if (array) {
            fields.add(DataTypes.createStructField("pixels", DataTypes.createArrayType(DataTypes.ShortType), false));
        } else {
            for (int p = 0; p < pixels; p++) {
                fields.add(DataTypes.createStructField("p" + p, DataTypes.IntegerType, false));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int[] record : records) {
            Object[] values = new Object[array ? 2 : pixels + 1];
            values[0] = record[0];
            if (array) {
                Short[] shorts = new Short[pixels];
                for (int p = 0; p < pixels; p++) {
                    shorts[p] = (short) record[p + 1];
                }
                values[1] = shorts;
            } else {
                for (int p = 0; p < pixels; p++) {
                    values[p + 1] = record[p + 1];
                }
            }
            rows.add(RowFactory.create(values));
        }
        // Part file k (part-0000k) holds the k-th run of rows, and later runs are longer: Spark reads larger
        // files first, so only a reader that orders by file name and row keeps the rows in order.
        List<List<Row>> runs = new ArrayList<>();
        int triangle = parts * (parts + 1) / 2;
        for (int k = 0; k < parts; k++) {
            runs.add(new ArrayList<>(rows.subList(rows.size() * (k * (k + 1) / 2) / triangle, rows.size() * ((k + 1) * (k + 2) / 2) / triangle)));
        }
        JavaRDD<Row> inOrder = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(runs, parts)
                .flatMap(run -> run.iterator());
        Dataset<Row> table = spark.createDataFrame(inOrder, new StructType(fields.toArray(new StructField[0])));
        table.write().parquet(file.toString());
    }
}
