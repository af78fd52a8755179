package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of handing out work, without any actor: tasks wait in sweep order, a slot gets the
 * first task of its device kind, a failed attempt is retried when the failure was the
 * infrastructure's, and every task ends with exactly one final result. Attempt ids make each step
 * idempotent: an outcome for an attempt that is not running (late, duplicate, given up) is ignored.
 */
public final class WorkQueue {

    /**
     * Failures another attempt may not repeat. BAD_INPUT, DIVERGED and ERROR come from the task
     * itself (its data, its numbers, its code path) and would fail the same way again.
     */
    private static final Set<FailureKind> RETRIED =
            EnumSet.of(FailureKind.CRASHED, FailureKind.TIMED_OUT, FailureKind.WORKER_LOST);

    /** What became of an attempt that ended; {@code retried} = its task is queued again. */
    public record Ended(Attempt attempt, boolean retried) {
    }

    private final Deque<TaskSpec> queued = new ArrayDeque<>();
    private final AttemptLimits limits;
    private final Map<String, Attempt> running = new HashMap<>();
    private final Map<String, Attempt> everStarted = new HashMap<>();
    private final Map<String, Integer> lastNumber;
    private final Map<String, Integer> triesThisRun = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> failed = new HashSet<>();

    /**
     * @param tasks   the whole sweep; those {@code history} says succeeded count as done and are not run
     * @param history an earlier run of the same run directory, or {@link RunHistory#NONE}
     */
    public WorkQueue(List<TaskSpec> tasks, AttemptLimits limits, RunHistory history) {
        this.limits = limits;
        this.lastNumber = new HashMap<>(history.lastAttempt());
        for (TaskSpec task : tasks) {
            if (history.succeededTasks().contains(task.id())) {
                done.add(task.id());
            } else {
                queued.add(task);
            }
        }
    }

    /** The next task this slot can run, now marked running as a new attempt; empty = "none now". */
    public Optional<Attempt> assign(String workerId, SlotName slot) {
        Device device = slot.device();
        for (Iterator<TaskSpec> it = queued.iterator(); it.hasNext(); ) {
            TaskSpec task = it.next();
            if (task.device() == device) {
                it.remove();
                return Optional.of(start(task, workerId, Optional.of(slot)));
            }
        }
        return Optional.empty();
    }

    private Attempt start(TaskSpec task, String workerId, Optional<SlotName> slot) {
        int number = lastNumber.merge(task.id(), 1, Integer::sum);
        triesThisRun.merge(task.id(), 1, Integer::sum);
        Attempt attempt = new Attempt(Attempt.idOf(task, number), task, number, workerId, slot);
        running.put(attempt.id(), attempt);
        everStarted.put(attempt.id(), attempt);
        return attempt;
    }

    /** The running attempt this id names; empty for unknown, late or duplicate messages. */
    public Optional<Attempt> runningAttempt(String attemptId) {
        return Optional.ofNullable(running.get(attemptId));
    }

    /** Any attempt this queue handed out, running or ended: samples may trail an attempt's end. */
    public Optional<Attempt> knownAttempt(String attemptId) {
        return Optional.ofNullable(everStarted.get(attemptId));
    }

    /** The attempts running on this worker node: the ones to give up when it is gone. */
    public List<Attempt> runningOn(String workerId) {
        return running.values().stream().filter(attempt -> attempt.workerId().equals(workerId)).toList();
    }

    /**
     * Ends a running attempt with its final event: the task is done, queued again (at the front, so
     * a retry does not wait behind the whole sweep), or failed for good.
     *
     * @return what became of the attempt, or empty when it was not running (then nothing changes)
     */
    public Optional<Ended> end(String attemptId, TrainerEvent finalEvent) {
        Attempt attempt = running.remove(attemptId);
        if (attempt == null) {
            return Optional.empty();
        }
        String taskId = attempt.task().id();
        if (finalEvent instanceof TrainerEvent.Finished) {
            done.add(taskId);
            return Optional.of(new Ended(attempt, false));
        }
        if (isRetried(taskId, finalEvent)) {
            queued.addFirst(attempt.task());
            return Optional.of(new Ended(attempt, true));
        }
        failed.add(taskId);
        return Optional.of(new Ended(attempt, false));
    }

    /** A handed-back attempt was stopped on purpose, not failed: it does not use up a try. */
    private boolean isRetried(String taskId, TrainerEvent finalEvent) {
        if (!(finalEvent instanceof TrainerEvent.Failed failure)) {
            return false;
        }
        if (failure.kind() == FailureKind.HANDED_BACK) {
            triesThisRun.merge(taskId, -1, Integer::sum);
            return true;
        }
        return RETRIED.contains(failure.kind()) && triesThisRun.get(taskId) < limits.maxAttempts();
    }

    /** The queued tasks, by device, that no slot of {@code offered} devices can run. */
    public Map<Device, Integer> queuedWithout(Set<Device> offered) {
        Map<Device, Integer> waiting = new EnumMap<>(Device.class);
        if (offered.containsAll(EnumSet.allOf(Device.class))) {
            return waiting;
        }
        queued.stream().filter(task -> !offered.contains(task.device()))
                .forEach(task -> waiting.merge(task.device(), 1, Integer::sum));
        return waiting;
    }

    /**
     * When nothing runs and every queued task needs a device no slot of {@code offered} has, takes them all
     * out of the queue as started attempts of {@code by}, for the caller to end as failed; otherwise none.
     */
    public List<Attempt> takeUnschedulable(Set<Device> offered, String by) {
        if (!running.isEmpty() || queued.isEmpty() || queued.stream().anyMatch(task -> offered.contains(task.device()))) {
            return List.of();
        }
        List<Attempt> taken = new ArrayList<>();
        while (!queued.isEmpty()) {
            taken.add(start(queued.poll(), by, Optional.empty()));
        }
        return taken;
    }

    public Progress progress() {
        return new Progress(done.size(), running.size(), failed.size(), queued.size());
    }
}
