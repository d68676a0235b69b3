package sparkprop.data;

import java.util.function.Function;

import org.apache.spark.sql.SparkSession;

import scala.Option;

/**
 * The Spark session for reading a table in the driver (opening the data, the sequential trainer,
 * evaluate, report): the running default session if there is one, else a local one started for this
 * read and stopped after it.
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static <T> T apply(Function<SparkSession, T> read) {
        Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined()) {
            return read.apply(running.get());
        }
        SparkSession spark = SparkSession.builder()
                .master("local[*]")
                .appName("sparkprop: reading data")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            return read.apply(spark);
        } finally {
            spark.stop();
        }
    }
}
