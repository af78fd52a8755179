package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import io.benchfleet.protocol.sweep.Framework;

import java.util.List;

/**
 * The sweep's {@code frameworks} axis and the {@code user-trainers} it may name besides the built-in ones:
 * <pre>
 * frameworks = [dl4j, pytorch, jax]   # default [dl4j]
 * user-trainers = [jax]               # your own trainers, offered by worker nodes started with --trainer jax=...
 * </pre>
 * A misspelt framework is refused here rather than waiting for ever for a worker node that runs it.
 */
final class FrameworkList {

    private static final String FRAMEWORKS = "sweep.frameworks";
    private static final String USER_TRAINERS = "sweep.user-trainers";

    private FrameworkList() {
    }

    static List<String> parse(Config sweep) {
        List<String> userTrainers = userTrainers(sweep);
        if (!sweep.hasPath("frameworks")) {
            return List.of(Framework.DL4J);
        }
        List<String> frameworks = sweep.getStringList("frameworks");
        if (frameworks.isEmpty()) {
            throw new SweepFileException(FRAMEWORKS + " is empty: expected at least one of "
                    + String.join(", ", Framework.BUILT_IN) + " or a name declared in " + USER_TRAINERS);
        }
        for (int i = 0; i < frameworks.size(); i++) {
            String name = frameworks.get(i);
            requireValidName(FRAMEWORKS, i, name);
            if (!Framework.isBuiltIn(name) && !userTrainers.contains(name)) {
                throw new SweepFileException(FRAMEWORKS + ": '" + name + "' is neither built in ("
                        + String.join(", ", Framework.BUILT_IN) + ") nor declared in " + USER_TRAINERS);
            }
            requireOnce(FRAMEWORKS, frameworks, i, "framework");
        }
        return frameworks;
    }

    private static List<String> userTrainers(Config sweep) {
        if (!sweep.hasPath("user-trainers")) {
            return List.of();
        }
        List<String> names = sweep.getStringList("user-trainers");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            requireValidName(USER_TRAINERS, i, name);
            if (Framework.isBuiltIn(name)) {
                throw new SweepFileException(USER_TRAINERS + "[" + i + "] = '" + name + "' is built in: expected the"
                        + " name of a trainer of your own, not one of " + String.join(", ", Framework.BUILT_IN));
            }
            requireOnce(USER_TRAINERS, names, i, "name");
        }
        return names;
    }

    private static void requireValidName(String key, int index, String name) {
        if (!Framework.isValidName(name)) {
            throw new SweepFileException(key + "[" + index + "] = '" + name + "' is not a framework name: expected "
                    + Framework.nameRule());
        }
    }

    private static void requireOnce(String key, List<String> names, int index, String what) {
        if (names.subList(0, index).contains(names.get(index))) {
            throw new SweepFileException(key + "[" + index + "] = '" + names.get(index) + "' appears twice: expected each "
                    + what + " once");
        }
    }
}
