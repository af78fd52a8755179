package io.benchfleet.coordinator.dispatch;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The slots the coordinator knows, for messages to all of them: those the receptionist lists and those that
 * asked for work, which may come before the listing does. A slot is forgotten when a listing that named it no
 * longer does, when it stops, or when its node is removed, so that nothing is sent to slots long gone.
 *
 * @param <S> a slot's ref; opaque here
 */
final class KnownSlots<S> {

    private final Set<S> known = new HashSet<>();
    private Set<S> lastListed = Set.of();

    void listed(Set<S> listing) {
        lastListed.stream().filter(slot -> !listing.contains(slot)).forEach(known::remove);
        known.addAll(listing);
        lastListed = Set.copyOf(listing);
    }

    void askedForWork(S slot) {
        known.add(slot);
    }

    void gone(S slot) {
        known.remove(slot);
    }

    void goneIf(Predicate<S> gone) {
        known.removeIf(gone);
    }

    Set<S> all() {
        return Set.copyOf(known);
    }
}
