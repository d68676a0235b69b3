package sparkprop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.internal.config.ConfigEntry;

/**
 * Checks the files of {@code conf/} before spark-submit reads them, so that a typing mistake ends in
 * one line naming the file, the line, what was expected and what was found, instead of a setting
 * that Spark silently ignores or a JVM that refuses to start. submit/spark-submit runs it first.
 *
 * <ul>
 *   <li>{@code spark-defaults.conf}: every key is one Spark knows (its own registry of settings), and
 *       its value converts as Spark would convert it; memory and core counts are in range.</li>
 *   <li>{@code java17-options}: every line is an {@code --add-opens}/{@code --add-exports} of a
 *       package this JVM has, an {@code --add-modules} of one of its modules, or a {@code -Dkey=value}.</li>
 *   <li>{@code log4j2*.properties}: every {@code .level} is a log4j level.</li>
 * </ul>
 * A properties file given to spark-submit instead of {@code spark-defaults.conf}, and each
 * {@code --conf KEY=VALUE} of the command line, are checked as {@code spark-defaults.conf} is.
 */
public final class ConfCheck {

    /** Spark's holders of settings: each registers its keys when it loads. */
    private static final List<String> SETTING_HOLDERS = List.of("org.apache.spark.internal.config.package$",
            "org.apache.spark.internal.config.UI$", "org.apache.spark.internal.config.Network$", "org.apache.spark.internal.config.Status$",
            "org.apache.spark.internal.config.Deploy$", "org.apache.spark.internal.config.Worker$", "org.apache.spark.internal.config.History$",
            "org.apache.spark.internal.config.Kryo$", "org.apache.spark.internal.config.Tests$", "org.apache.spark.internal.config.Python$",
            "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$");

    /** Keys Spark reads without registering them. */
    private static final Set<String> UNREGISTERED_KEYS = Set.of("spark.master", "spark.app.name", "spark.driver.host", "spark.driver.port",
            "spark.executor.id", "spark.app.id");

    /** Families of keys with free-form names. */
    private static final List<String> FREE_PREFIXES = List.of("spark.hadoop.", "spark.executorEnv.", "spark.sql.catalog.", "spark.yarn.",
            "spark.kubernetes.", "spark.driver.resource.", "spark.executor.resource.", "spark.metrics.conf.");

    /** Spark refuses to start below 450 MiB of heap (1.5 × its 300 MiB reserve). */
    private static final long MINIMUM_MEMORY_MIB = 450;
    private static final Set<String> MEMORY_KEYS = Set.of("spark.driver.memory", "spark.executor.memory");
    private static final Set<String> POSITIVE_KEYS = Set.of("spark.executor.cores", "spark.driver.cores", "spark.cores.max",
            "spark.default.parallelism", "spark.task.cpus", "spark.executor.instances");

    private static final Set<String> LOG_LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

    private ConfCheck() {
    }

    /**
     * {@code ConfCheck DIR [--properties-file FILE] [--conf KEY=VALUE ...]}: exit status 0 when DIR's
     * files, the properties file and the settings are good, else 2 after one line on standard error.
     */
    public static void main(String[] args) {
        try {
            checkDirectory(Path.of(args.length > 0 ? args[0] : "conf"));
            for (int i = 1; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--properties-file" -> checkSparkDefaults(Path.of(args[i + 1]));
                    case "--conf" -> checkCommandLineSetting(args[i + 1]);
                    default -> throw new UsageException("ConfCheck: unknown option " + args[i]);
                }
            }
        } catch (UsageException e) {
            System.err.println("sparkprop: " + e.getMessage());
            System.exit(Main.USAGE_ERROR);
        }
    }

    static void checkDirectory(Path conf) {
        checkSparkDefaults(conf.resolve("spark-defaults.conf"));
        checkJavaOptions(conf.resolve("java17-options"));
        try (var files = Files.list(conf)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("log4j2.*\\.properties")).sorted().toList()) {
                checkLogLevels(file);
            }
        } catch (IOException e) {
            throw new UsageException(conf + ": cannot be listed: " + e.getMessage());
        }
    }

    /** Spark's properties file: {@code key value} per line (or {@code key=value}), # comments. */
    static void checkSparkDefaults(Path file) {
        for (SettingLine line : settingLines(file, "\\s*[=:\\s]\\s*")) {
            checkSetting(file + ": line " + line.number() + ": " + line.key(), line.key(), line.value());
        }
    }

    /** A command line's {@code --conf KEY=VALUE}, as spark-submit splits it (at the first '='). */
    static void checkCommandLineSetting(String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--conf " + pair + ": expected KEY=VALUE, found no '='");
        }
        checkSetting("--conf " + pair.substring(0, equals), pair.substring(0, equals), pair.substring(equals + 1));
    }

    /** One setting, {@code where} naming it for the message. */
    private static void checkSetting(String where, String key, String text) {
        if (!key.startsWith("spark.")) {
            throw new UsageException(where + ": expected a key starting with spark. (Spark ignores any other), found '" + key + "'");
        }
        if (UNREGISTERED_KEYS.contains(key) || FREE_PREFIXES.stream().anyMatch(key::startsWith)) {
            return;
        }
        ConfigEntry<?> entry = sparkSetting(key);
        if (entry == null) {
            throw new UsageException(where + ": expected a setting Spark knows, found an unknown key"
                    + closestKey(key).map(k -> " (did you mean " + k + "?)").orElse(""));
        }
        Object value;
        try {
            value = entry.valueConverter().apply(text);
        } catch (RuntimeException e) {
            throw new UsageException(where + ": expected " + expectedType(e) + ", found '" + text + "'");
        }
        if (value instanceof scala.Option<?> optional) {
            value = optional.getOrElse(() -> null); // settings without a default (spark.executor.instances) convert to an Option
        }
        if (MEMORY_KEYS.contains(key) && ((Number) value).longValue() < MINIMUM_MEMORY_MIB) {
            throw new UsageException(where + ": expected at least " + MINIMUM_MEMORY_MIB + "m (Spark's smallest heap), found '" + text + "'");
        }
        if (POSITIVE_KEYS.contains(key) && ((Number) value).longValue() < 1) {
            throw new UsageException(where + ": expected a positive whole number, found '" + text + "'");
        }
    }

    /**
     * A java argument file: {@code --add-opens=module/package=target}, {@code --add-exports=...},
     * {@code --add-modules=module} or {@code -Dkey=value} per line.
     */
    static void checkJavaOptions(Path file) {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String where = file + ": line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.matches("-D[^=\\s]+=\\S*")) {
                continue;
            }
            java.util.regex.Matcher modules = java.util.regex.Pattern.compile("--add-modules=([\\w.]+)").matcher(line);
            if (modules.matches()) {
                if (java.lang.module.ModuleFinder.ofSystem().find(modules.group(1)).isEmpty()) {
                    throw new UsageException(where + ": expected a module of this Java runtime, found '" + modules.group(1) + "'");
                }
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--add-(?:opens|exports)=([\\w.]+)/([\\w.]+)=([\\w.,-]+)").matcher(line);
            if (!m.matches()) {
                throw new UsageException(where + ": expected --add-opens=module/package=ALL-UNNAMED, --add-exports=..., --add-modules=module or -Dkey=value,"
                        + " found '" + line + "'");
            }
            Optional<Module> module = ModuleLayer.boot().findModule(m.group(1));
            if (module.isEmpty()) {
                throw new UsageException(where + ": expected a module of this Java runtime, found '" + m.group(1) + "'");
            }
            if (!module.get().getPackages().contains(m.group(2))) {
                throw new UsageException(where + ": expected a package of " + m.group(1) + ", found '" + m.group(2) + "'");
            }
        }
    }

    /** Every {@code ….level} of a log4j2 properties file is a level log4j knows. */
    static void checkLogLevels(Path file) {
        for (SettingLine line : settingLines(file, "\\s*=\\s*")) {
            if (line.key().endsWith(".level") || line.key().equals("status")) {
                if (!LOG_LEVELS.contains(line.value().toUpperCase(java.util.Locale.ROOT))) {
                    throw new UsageException(file + ": line " + line.number() + ": " + line.key() + ": expected a log level ("
                            + String.join(", ", List.of("off", "fatal", "error", "warn", "info", "debug", "trace", "all")) + "), found '"
                            + line.value() + "'");
                }
            }
        }
    }

    private record SettingLine(int number, String key, String value) {
    }

    private static List<SettingLine> settingLines(Path file, String separator) {
        List<String> lines = readLines(file);
        List<SettingLine> settings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String[] parts = line.split(separator, 2);
            settings.add(new SettingLine(i + 1, parts[0], parts.length > 1 ? parts[1].trim() : ""));
        }
        return settings;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException(file + ": expected a readable file, found " + e);
        }
    }

    private static ConfigEntry<?> sparkSetting(String key) {
        for (String holder : SETTING_HOLDERS) {
            try {
                Class.forName(holder, true, ConfCheck.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // A holder this Spark version does not have registers nothing.
            }
        }
        return org.apache.spark.internal.config.ConfigEntry$.MODULE$.findEntry(key);
    }

    /** Spark's own words for the type it expected, e.g. "a/an 'bytes in MiB' value". */
    private static String expectedType(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("It should be a/an '([^']+)' value").matcher(message);
        if (m.find()) {
            return "a value of type '" + m.group(1) + "'";
        }
        int sqlState = message.indexOf(" SQLSTATE");
        return "a valid value (Spark: " + (sqlState > 0 ? message.substring(0, sqlState) : message) + ")";
    }

    /** The known key nearest to a mistyped one, when it is a few letters away. */
    private static Optional<String> closestKey(String key) {
        Map<String, ?> known = org.apache.spark.internal.config.ConfigEntry$.MODULE$.knownConfigs();
        String best = null;
        int bestDistance = 4;
        for (String candidate : known.keySet()) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
