package sparkprop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The submit/train command line of this run, for a user to paste into a shell to continue it. */
final class ResumeCommand {

    /** Arguments a POSIX shell takes as they are (no glob, no space, no quote); anything else is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ResumeCommand() {
    }

    /**
     * {@code submit/train}, the master the run had (spark-submit takes it off the application's
     * arguments), the application's arguments, and {@code --resume} when {@code addResume}.
     */
    static String of(String[] args, boolean addResume) {
        List<String> words = new ArrayList<>(List.of("submit/train"));
        String master = System.getProperty("spark.master");
        if (master != null) {
            words.add("--master");
            words.add(master);
        }
        words.addAll(List.of(args));
        if (addResume) {
            words.add("--resume");
        }
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.length() == 0 ? "" : " ").append(quoted(word));
        }
        return line.toString();
    }

    static String quoted(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
