package sparkprop.training;

import java.io.Serializable;

/**
 * When a block of the deadline mode ({@code --sync-every K --block-deadline ...}, {@link DeadlineTrainer})
 * stops waiting for the partitions: after a fixed number of milliseconds, or ({@link #AUTO}) once the
 * median partition has delivered its move and then half as long again. A partition's own task also
 * stops taking steps at the deadline, so a partition that runs slowly delivers fewer steps instead
 * of none.
 *
 * @param millis the fixed budget of a block, in milliseconds; 0 for {@link #AUTO}
 */
public record BlockDeadline(long millis) implements Serializable {

    /** The deadline follows the median partition's pace. */
    public static final BlockDeadline AUTO = new BlockDeadline(0);

    /** What the slower partitions get beyond the median partition's time, as a fraction of it. */
    static final double SLACK = 0.5;

    public BlockDeadline {
        if (millis < 0) {
            throw new IllegalArgumentException("expected a deadline of 0 (auto) or more milliseconds, found " + millis);
        }
    }

    public boolean auto() {
        return millis == 0;
    }

    /** "auto" or "250 ms". */
    public String describe() {
        return auto() ? "auto (the median partition's time and half as long again)" : millis + " ms";
    }

    /** The option's value: {@code auto}, or a whole number of milliseconds, with or without "ms". */
    public static BlockDeadline parse(String value) {
        if (value.equals("auto")) {
            return AUTO;
        }
        String digits = value.endsWith("ms") ? value.substring(0, value.length() - 2) : value;
        long millis;
        try {
            millis = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            millis = 0;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("expected auto or a whole number of milliseconds such as 200, found '" + value + "'");
        }
        return new BlockDeadline(millis);
    }

    /** The option's value again, for checkpoints and resume commands. */
    public String optionValue() {
        return auto() ? "auto" : String.valueOf(millis);
    }
}
