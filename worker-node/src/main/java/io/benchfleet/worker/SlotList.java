package io.benchfleet.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slots a worker node offers, as {@code --slots} names them: {@code cpu} (the default: one task
 * at a time on this host, DESIGN.md decision 4), numbered cpu slots {@code cpu:0,cpu:1}, or
 * {@code cpu*N} for {@code cpu:0..cpu:N-1}. Several cpu slots run several tasks on the host at once,
 * which is opt-in: their timings share the machine.
 */
final class SlotList {

    private static final Pattern NUMBERED = Pattern.compile("cpu:(\\d{1,4})");
    private static final Pattern REPEATED = Pattern.compile("cpu\\*(\\d{1,4})");

    private SlotList() {
    }

    /** The slot names, each once, in the order given; refuses anything else with one line. */
    static List<String> parse(List<String> given) {
        Set<String> slots = new LinkedHashSet<>();
        for (String entry : given) {
            for (String slot : expand(entry)) {
                if (!slots.add(slot)) {
                    throw new IllegalArgumentException("--slots: '" + slot + "' is given twice");
                }
            }
        }
        return List.copyOf(slots);
    }

    private static List<String> expand(String entry) {
        if (entry.equals("cpu") || NUMBERED.matcher(entry).matches()) {
            return List.of(entry);
        }
        Matcher repeated = REPEATED.matcher(entry);
        int count = repeated.matches() ? Integer.parseInt(repeated.group(1)) : 0;
        if (count < 1) {
            throw new IllegalArgumentException("--slots: '" + entry + "' is not a slot; expected cpu, cpu:N"
                    + " or cpu*N (N cpu slots, N >= 1)");
        }
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add("cpu:" + i);
        }
        return slots;
    }
}
