package io.benchfleet.protocol.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks a cluster message's constructor runs on its components. Kryo builds a record through its
 * canonical constructor, so a frame whose message lacks a component, or whose list or optional holds
 * something of another type (generics are not on the wire), ends in deserialization: no actor ever
 * receives it.
 */
final class Components {

    private Components() {
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is missing");
    }

    /** An unmodifiable copy, with no null element and none of another type than {@code type}. */
    static <T> List<T> listOf(List<T> list, Class<T> type, String name) {
        String element = "an element of " + name;
        required(list, name).forEach(value -> ofType(required(value, element), type, element));
        return List.copyOf(list);
    }

    static <T> Optional<T> optionalOf(Optional<T> value, Class<T> type, String name) {
        required(value, name).ifPresent(present -> ofType(present, type, name));
        return value;
    }

    private static void ofType(Object value, Class<?> type, String name) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " is a " + value.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
    }
}
