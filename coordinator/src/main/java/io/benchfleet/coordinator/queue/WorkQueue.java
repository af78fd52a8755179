package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of handing out work, without any actor: tasks wait in sweep order, a slot gets the
 * first task of its device kind, and every task ends with exactly one final result. Attempt ids
 * make each step idempotent: an outcome for an attempt that is not running is ignored.
 */
public final class WorkQueue {

    private final Deque<TaskSpec> queued;
    private final Map<String, Attempt> running = new HashMap<>();
    private final Map<String, Attempt> everStarted = new HashMap<>();
    private final Map<String, Integer> attemptsMade = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> failed = new HashSet<>();

    public WorkQueue(Iterable<TaskSpec> tasks) {
        this.queued = new ArrayDeque<>();
        tasks.forEach(queued::add);
    }

    /** The next task this slot can run, now marked running as a new attempt; empty = "none now". */
    public Optional<Attempt> assign(String workerId, String slot) {
        Optional<Device> device = slotDevice(slot);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        for (Iterator<TaskSpec> it = queued.iterator(); it.hasNext(); ) {
            TaskSpec task = it.next();
            if (task.device() == device.get()) {
                it.remove();
                int number = attemptsMade.merge(task.id(), 1, Integer::sum);
                Attempt attempt = new Attempt(Attempt.idOf(task, number), task, number, workerId, slot);
                running.put(attempt.id(), attempt);
                everStarted.put(attempt.id(), attempt);
                return Optional.of(attempt);
            }
        }
        return Optional.empty();
    }

    /** The running attempt this id names; empty for unknown, late or duplicate messages. */
    public Optional<Attempt> runningAttempt(String attemptId) {
        return Optional.ofNullable(running.get(attemptId));
    }

    /** Any attempt this queue handed out, running or ended: samples may trail an attempt's end. */
    public Optional<Attempt> knownAttempt(String attemptId) {
        return Optional.ofNullable(everStarted.get(attemptId));
    }

    /**
     * Ends a running attempt with its final event.
     *
     * @return the attempt, or empty when it was not running (then nothing changes)
     */
    public Optional<Attempt> end(String attemptId, TrainerEvent finalEvent) {
        Attempt attempt = running.remove(attemptId);
        if (attempt == null) {
            return Optional.empty();
        }
        if (finalEvent instanceof TrainerEvent.Finished) {
            done.add(attempt.task().id());
        } else {
            failed.add(attempt.task().id());
        }
        return Optional.of(attempt);
    }

    public Progress progress() {
        return new Progress(done.size(), running.size(), failed.size(), queued.size());
    }

    /** A slot name is its device, optionally with an index: {@code cpu}, {@code gpu:0}. */
    public static Optional<Device> slotDevice(String slot) {
        String kind = slot.contains(":") ? slot.substring(0, slot.indexOf(':')) : slot;
        return Device.fromLabel(kind);
    }
}
