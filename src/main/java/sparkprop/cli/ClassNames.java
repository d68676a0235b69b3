package sparkprop.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Spark's settings that name classes in a comma-separated list: {@code spark.plugins}, {@code spark.ui.filters}, ... */
final class ClassNames {

    private ClassNames() {
    }

    /** {@code list} with {@code name} last, named once. */
    static String appended(String list, String name) {
        return Stream.concat(names(list).filter(s -> !s.equals(name)), Stream.of(name)).collect(Collectors.joining(","));
    }

    /** The class names of {@code list}. */
    static Stream<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }
}
