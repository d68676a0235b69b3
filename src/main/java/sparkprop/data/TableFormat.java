package sparkprop.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import sparkprop.io.StoragePath;

/**
 * The tables of samples that Spark SQL's DataFrame reader reads. Each format numbers its rows from 0
 * in file order and checks every value; {@link #inspect} runs that check over the whole file in one
 * Spark job before training, so a bad row is reported by the driver in one line, not by a failed task.
 */
public enum TableFormat {

    /**
     * Make Your Own Neural Network's {@code mnist_train.csv}: one line per image, {@code label,p0,...,p783},
     * pixels 0 to 255, no header (a first line that does not start with a number is taken as a header).
     * Must be one file, so that Spark reads its lines in order.
     */
    CSV {
        @Override
        int pixelsPerRow(SparkSession spark, String file) {
            List<String> first = spark.read().textFile(sparkPath(file)).takeAsList(1);
            if (first.isEmpty()) {
                throw new BadDataException(file + ": expected lines of a label and pixels, found an empty file");
            }
            return first.get(0).split(",", -1).length - 1;
        }

        @Override
        JavaRDD<Parsed> parsed(SparkSession spark, String file, int pixels) {
            Dataset<String> lines = spark.read().textFile(sparkPath(file));
            long headerLines = lines.takeAsList(1).stream().filter(TableFormat::isHeader).count();
            return lines.javaRDD().zipWithIndex()
                    .filter(line -> line._2() >= headerLines)
                    .map(line -> Parsed.of(line._2() - headerLines, () -> parseLine(line._1(), line._2(), headerLines, file, pixels)));
        }
    },

    /**
     * Parquet: a {@code label} column and either one array column of pixels or one whole-number column
     * per pixel (in schema order). A directory of part files is read in file-name order, each file's
     * rows in their order.
     */
    PARQUET {
        @Override
        int pixelsPerRow(SparkSession spark, String file) {
            Dataset<Row> table = spark.read().parquet(sparkPath(file));
            List<Column> pixels = pixelColumns(table, file);
            if (!isArray(table)) {
                return pixels.size();
            }
            List<Row> first = table.select(size(pixels.get(0))).takeAsList(1);
            return first.isEmpty() ? 0 : first.get(0).getInt(0);
        }

        @Override
        JavaRDD<Parsed> parsed(SparkSession spark, String file, int pixels) {
            Dataset<Row> table = spark.read().parquet(sparkPath(file));
            List<Column> pixelColumns = pixelColumns(table, file);
            // Per-pixel columns are gathered into one array by Spark SQL: rows of 785 fields cost far more
            // to turn into Java objects than rows of one array.
            Column pixelArray = isArray(table) ? pixelColumns.get(0) : array(pixelColumns.toArray(new Column[0]));
            Column[] columns = {col("label"), pixelArray, col("_metadata.file_path"), col("_metadata.row_index")};
            Map<String, Long> firstRows = firstRowOfEachFile(table);
            // A row's number is the rows of the part files before its own (by name) plus its index in its file:
            // no shuffle of the wide rows is needed to number them.
            return table.select(columns).javaRDD()
                    .map(row -> {
                        long number = firstRows.get(row.getString(2)) + row.getLong(3);
                        return Parsed.of(number, () -> parseRow(row, number, file, pixels));
                    });
        }

        /** Each part file's first row number: the files in name order, each after the rows of those before it. */
        private static Map<String, Long> firstRowOfEachFile(Dataset<Row> table) {
            Map<String, Long> firstRows = new TreeMap<>(table.select(col("_metadata.file_path")).javaRDD()
                    .map(row -> row.getString(0)).countByValue());
            long before = 0;
            for (Map.Entry<String, Long> file : firstRows.entrySet()) {
                long rows = file.getValue();
                file.setValue(before);
                before += rows;
            }
            return new HashMap<>(firstRows);
        }
    };

    /** How many samples a table holds and how many pixels each has. */
    record Shape(int count, int pixels) {
    }

    /** A row's sample, or why it is not one. */
    record Parsed(long index, TableRow row, String error) implements Serializable {

        static Parsed of(long index, java.util.function.Supplier<TableRow> parse) {
            try {
                return new Parsed(index, parse.get(), null);
            } catch (BadDataException e) {
                return new Parsed(index, null, e.getMessage());
            }
        }

        TableRow orThrow() {
            if (error != null) {
                throw new BadDataException(error);
            }
            return row;
        }
    }

    /** How many rows the whole file holds, and the first bad one's error (null when every row is good). */
    private record Check(long count, long firstBad, String error) implements Serializable {

        static final Check NONE = new Check(0, Long.MAX_VALUE, null);

        Check add(Parsed parsed) {
            return parsed.error() != null && parsed.index() < firstBad ? new Check(count + 1, parsed.index(), parsed.error())
                    : new Check(count + 1, firstBad, error);
        }

        Check plus(Check other) {
            return other.firstBad < firstBad ? new Check(count + other.count, other.firstBad, other.error)
                    : new Check(count + other.count, firstBad, error);
        }
    }

    /** Pixels per image, from the first row (or the schema). */
    abstract int pixelsPerRow(SparkSession spark, String file);

    /** Every row, numbered from 0 in file order, parsed and checked against {@code pixels} pixels per image. */
    abstract JavaRDD<Parsed> parsed(SparkSession spark, String file, int pixels);

    /** Every row as a sample; a bad row fails the task that reads it (after {@link #inspect} found none). */
    JavaRDD<TableRow> rows(SparkSession spark, String file, int pixels) {
        return parsed(spark, file, pixels).map(Parsed::orThrow);
    }

    /** Reads and checks the whole file: its number of rows and pixels per row, or the first bad row's error. */
    Shape inspect(SparkSession spark, String file) {
        int pixels = pixelsPerRow(spark, file);
        Check check = parsed(spark, file, pixels).aggregate(Check.NONE, Check::add, Check::plus);
        if (check.error() != null) {
            throw new BadDataException(check.error());
        }
        if (check.count() == 0) {
            throw new BadDataException(file + ": expected rows of a label and pixels, found none");
        }
        if (pixels < 1) {
            throw new BadDataException(file + ": expected a label and at least one pixel per row, found none in the first row");
        }
        return new Shape(Math.toIntExact(check.count()), pixels);
    }

    /**
     * The URI Spark reads {@code file} by: a plain path is a local file here ({@link StoragePath}), where
     * Spark alone would resolve it against Hadoop's default file system (HDFS, with HADOOP_CONF_DIR set).
     */
    private static String sparkPath(String file) {
        return StoragePath.of(file).uri();
    }

    /** Whether a CSV file's first line names its columns rather than holding a sample: its first field is not a number. */
    private static boolean isHeader(String line) {
        String first = line.split(",", 2)[0].trim();
        return first.isEmpty() || !Character.isDigit(first.charAt(first.length() - 1));
    }

    /** CSV line {@code number} (from 0) of the file; the sample's row number counts the lines after the header. */
    private static TableRow parseLine(String line, long number, long headerLines, String file, int pixels) {
        String where = file + ": line " + (number + 1);
        String[] fields = line.split(",", -1);
        if (fields.length != pixels + 1) {
            throw new BadDataException(where + ": expected " + (pixels + 1) + " comma-separated values (a label and " + pixels
                    + " pixels, as on the first line), found " + fields.length);
        }
        long[] values = new long[fields.length];
        for (int f = 0; f < fields.length; f++) {
            try {
                values[f] = Long.parseLong(fields[f].trim());
            } catch (NumberFormatException e) {
                throw new BadDataException(where + ", value " + (f + 1) + ": expected a whole number, found '" + fields[f] + "'");
            }
        }
        long[] pixelValues = new long[pixels];
        System.arraycopy(values, 1, pixelValues, 0, pixels);
        return TableRow.checked(Math.toIntExact(number - headerLines), values[0], pixelValues, where);
    }

    /** Parquet row {@code number} (from 0, in file-name then row order). */
    private static TableRow parseRow(Row row, long number, String file, int pixels) {
        String where = file + ": row " + number;
        if (row.isNullAt(0)) {
            throw new BadDataException(where + ": expected a digit label 0 to 9, found null");
        }
        List<Object> list = row.isNullAt(1) ? null : row.getList(1);
        if (list == null || list.size() != pixels) {
            throw new BadDataException(where + ": expected an array of " + pixels + " pixels (as in row 0), found "
                    + (list == null ? "null" : list.size() + " values"));
        }
        long[] values = new long[pixels];
        for (int p = 0; p < pixels; p++) {
            values[p] = pixelValue(list.get(p), where, p);
        }
        return TableRow.checked(Math.toIntExact(number), ((Number) row.get(0)).longValue(), values, where);
    }

    private static long pixelValue(Object value, String where, int p) {
        if (value == null) {
            throw new BadDataException(where + ", pixel " + p + ": expected a value 0 to 255, found null");
        }
        return ((Number) value).longValue();
    }

    /** The array column, or the pixel columns in schema order; the label and pixels checked to be whole numbers. */
    private static List<Column> pixelColumns(Dataset<Row> table, String file) {
        List<Column> pixels = new ArrayList<>();
        boolean hasLabel = false;
        for (StructField field : table.schema().fields()) {
            DataType type = field.dataType() instanceof ArrayType a ? a.elementType() : field.dataType();
            checkWhole(type, file, field.name());
            if (field.name().equals("label")) {
                hasLabel = !(field.dataType() instanceof ArrayType);
            } else {
                pixels.add(col("`" + field.name() + "`"));
            }
        }
        if (!hasLabel || pixels.isEmpty() || (isArray(table) && pixels.size() != 1)) {
            throw new BadDataException(file + ": expected a whole-number column named label and either one array column of pixels or"
                    + " one column per pixel, found columns " + String.join(", ", table.columns()));
        }
        return pixels;
    }

    private static boolean isArray(Dataset<Row> table) {
        for (StructField field : table.schema().fields()) {
            if (field.dataType() instanceof ArrayType) {
                return true;
            }
        }
        return false;
    }

    private static void checkWhole(DataType type, String file, String column) {
        if (!(type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.IntegerType)
                || type.equals(DataTypes.LongType))) {
            throw new BadDataException(file + ": column " + column + ": expected whole numbers (byte, short, int or long), found "
                    + type.simpleString());
        }
    }
}
