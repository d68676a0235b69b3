package sparkprop.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options of a subcommand (evaluate, predict), checked against the names it takes. */
final class SubcommandOptions {

    private SubcommandOptions() {
    }

    /** Every option's value by name; a mistake is a {@link UsageException} that ends with the subcommand's usage. */
    static Map<String, String> parse(String command, String usage, List<String> names, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i])) {
                throw new UsageException(command + ": unknown option " + args[i] + "; " + usage);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + ": expected a value after it, found the end of the command line (" + usage + ")");
            }
            values.put(args[i], args[i + 1]);
        }
        return values;
    }
}
