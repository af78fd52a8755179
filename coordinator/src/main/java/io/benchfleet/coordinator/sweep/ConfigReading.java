package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reading one block of a sweep file the way SweepFile does: unknown keys refused with the keys
 * expected, enum values matched by their lower-case names. Every message starts with the block's path.
 */
record ConfigReading(Config config, String path) {

    void rejectUnknown(Set<String> allowed) {
        for (String key : new TreeSet<>(config.root().keySet())) {
            if (!allowed.contains(key)) {
                throw new SweepFileException(path + ": unknown key '" + key + "'; expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    String required(String key) {
        if (!config.hasPath(key)) {
            throw new SweepFileException(path + ": missing key '" + key + "'");
        }
        return config.getString(key);
    }

    int requiredPositiveInt(String key) {
        required(key);
        return positiveInt(key, 0);
    }

    int positiveInt(String key, int defaultValue) {
        int value = config.hasPath(key) ? config.getInt(key) : defaultValue;
        if (value < 1) {
            throw new SweepFileException(path + ": " + key + " = " + value + ": expected an integer >= 1");
        }
        return value;
    }

    double number(String key, double defaultValue) {
        return config.hasPath(key) ? config.getDouble(key) : defaultValue;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        if (!config.hasPath(key)) {
            if (defaultValue == null) {
                throw new SweepFileException(path + ": missing key '" + key + "'; expected one of " + choices(type));
            }
            return defaultValue;
        }
        String value = config.getString(key);
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst()
                .orElseThrow(() -> new SweepFileException(path + ": " + key + " = '" + value + "': expected one of "
                        + choices(type)));
    }

    private static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
