package io.benchfleet.protocol.sweep;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The library a task trains with, by name. Two are built in; any other name is a user's own trainer,
 * declared in the sweep file and offered by the worker nodes that run it ({@code --trainer NAME=EXECUTABLE}).
 */
public final class Framework {

    public static final String DL4J = "dl4j";
    public static final String PYTORCH = "pytorch";

    /** The frameworks every installation has a trainer for. */
    public static final List<String> BUILT_IN = List.of(DL4J, PYTORCH);

    /** Names go into task ids, file names and command lines: lower case, digits, '-' and '_'. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private Framework() {
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.contains(name);
    }

    /** What a valid name looks like, for error messages. */
    public static String nameRule() {
        return "a lower-case name of letters, digits, '-' or '_' (at most 32), starting with a letter";
    }
}
