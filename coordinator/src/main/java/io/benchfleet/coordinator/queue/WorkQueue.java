package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of handing out work, without any actor: tasks wait in sweep order, a slot gets the first
 * task whose framework its worker node runs on the slot's device and whose data it may take, a failed
 * attempt is retried when the failure may be the infrastructure's or the node's rather than the task's,
 * and every task ends with exactly one final result. Attempt ids make each step idempotent: an outcome
 * for an attempt that is not running (late, duplicate, given up) is ignored. It also knows which data
 * partitions no task still to end trains on, for worker nodes to drop their copies.
 */
public final class WorkQueue {

    /**
     * Failures another attempt may not repeat, retried while max-attempts allows. BAD_INPUT, DIVERGED and
     * ERROR come from the task itself (its data, its numbers, its code path) and would fail the same way again;
     * BAD_INPUT alone may be one node's corrupt copy and has a rule of its own.
     */
    private static final Set<FailureKind> RETRIED =
            EnumSet.of(FailureKind.CRASHED, FailureKind.TIMED_OUT, FailureKind.WORKER_LOST);

    /**
     * Tries of a task that ran out of memory, whatever max-attempts says above that: a second try rides out
     * memory that another slot's trainer held at the time; failing twice says the task needs more than a
     * node gives, and more tries would only cost hours.
     */
    static final int OUT_OF_MEMORY_TRIES = 2;

    /**
     * Worker nodes a task whose data is corrupt is tried on, when that many are registered: a corrupt copy
     * may be one node's only; corrupt on two, it is the published file or the task.
     */
    static final int BAD_INPUT_NODES = 2;

    /**
     * Hand-backs do not use up a try, so that stopping worker nodes costs no task its retries; past this many,
     * a task that every stop catches running fails as HANDED_BACK instead of bouncing for ever.
     */
    static final int MAX_HAND_BACKS = 5;

    /** What became of an attempt that ended; {@code retried} = its task is queued again. */
    public record Ended(Attempt attempt, boolean retried) {
    }

    /** What a task's attempts of this run used up, for the retry rules. */
    private static final class Tally {
        private int tries;
        private int handBacks;
        private int outOfMemory;
    }

    private final QueuedTasks queued = new QueuedTasks();
    private final PartitionsInUse partitions = new PartitionsInUse();
    private final AttemptLimits limits;
    private final Map<String, Attempt> running = new HashMap<>();
    /**
     * Every attempt of this run, for samples that trail an attempt's end: about 270 bytes each, measured. It
     * stays small because attempts per task are bounded: max-attempts tries, {@link #MAX_HAND_BACKS}, one return
     * per slot of a worker node without the task's dataset, and one attempt to give the task up.
     */
    private final Map<String, Attempt> everStarted = new HashMap<>();
    private final Map<String, Integer> lastNumber;
    private final Map<String, Tally> thisRun = new HashMap<>();
    private final UnreadableData unreadable = new UnreadableData();
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
                queued.addLast(task);
                partitions.add(task);
            }
        }
    }

    /**
     * The next task this slot can run and its worker node may take, now marked running as a new attempt;
     * empty = "none now".
     *
     * @param runs what the slot's worker node runs (its registration); only those on the slot's device count
     */
    public Optional<Attempt> assign(String workerId, SlotName slot, Set<FrameworkOnDevice> runs) {
        List<FrameworkOnDevice> onSlot = runs.stream().filter(run -> run.device() == slot.device()).toList();
        return queued.takeFirst(onSlot, task -> unreadable.mayTake(workerId, task))
                .map(task -> start(task, workerId, Optional.of(slot)));
    }

    private Attempt start(TaskSpec task, String workerId, Optional<SlotName> slot) {
        int number = lastNumber.merge(task.id(), 1, Integer::sum);
        thisRun.computeIfAbsent(task.id(), id -> new Tally()).tries++;
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
     * a retry does not wait behind the whole sweep), or failed for good. An attempt no slot ran was given
     * up by the coordinator and ends for good.
     *
     * @param registered the worker nodes registered now: whether another one may still try the task
     * @return what became of the attempt, or empty when it was not running (then nothing changes)
     */
    Optional<Ended> end(String attemptId, TrainerEvent finalEvent, WorkerNodes registered) {
        Attempt attempt = running.remove(attemptId);
        if (attempt == null) {
            return Optional.empty();
        }
        if (finalEvent instanceof TrainerEvent.Finished) {
            endForGood(attempt.task(), done);
            return Optional.of(new Ended(attempt, false));
        }
        if (finalEvent instanceof TrainerEvent.Failed failure && attempt.slot().isPresent()
                && isRetried(attempt, failure.kind(), registered)) {
            queued.addFirst(attempt.task());
            return Optional.of(new Ended(attempt, true));
        }
        endForGood(attempt.task(), failed);
        return Optional.of(new Ended(attempt, false));
    }

    private void endForGood(TaskSpec task, Set<String> outcome) {
        outcome.add(task.id());
        partitions.ended(task);
    }

    /**
     * The data partitions ({@link TaskSpec#partitionKey()}) whose last task still to end has succeeded or was
     * given up since the last call, in the order they retired; each is named once.
     */
    public List<String> takeRetiredPartitions() {
        return partitions.takeRetired();
    }

    /**
     * A handed-back attempt was stopped on purpose and one whose node lacks the data says nothing of the task:
     * neither uses up a try. The latter goes back to the queue even when no other node may take it: then
     * {@link #takeStranded} gives it up, naming the nodes.
     */
    private boolean isRetried(Attempt attempt, FailureKind kind, WorkerNodes registered) {
        TaskSpec task = attempt.task();
        Tally tally = thisRun.get(task.id());
        switch (kind) {
            case HANDED_BACK -> {
                tally.tries--;
                return ++tally.handBacks <= MAX_HAND_BACKS;
            }
            case DATA_UNAVAILABLE -> {
                tally.tries--;
                unreadable.missing(attempt.workerId(), task.dataset());
                return true;
            }
            case OUT_OF_MEMORY -> {
                return ++tally.outOfMemory < OUT_OF_MEMORY_TRIES && tally.tries < limits.maxAttempts();
            }
            case BAD_INPUT -> {
                unreadable.corrupt(attempt.workerId(), task);
                return unreadable.corruptOn(task) < BAD_INPUT_NODES && tally.tries < limits.maxAttempts()
                        && registered.offering(FrameworkOnDevice.of(task)).stream()
                        .anyMatch(other -> unreadable.mayTake(other, task));
            }
            default -> {
                return RETRIED.contains(kind) && tally.tries < limits.maxAttempts();
            }
        }
    }

    /**
     * The queued tasks that every registered worker node able to run them reported it cannot read, taken
     * out of the queue as attempts of {@code by} that no slot ran, each with why, for the caller to end as
     * failed. A task no registered node could run at all is not among them: it waits for one.
     */
    List<Fleet.GivenUp> takeStranded(WorkerNodes registered, String by) {
        // Called after every final event: with no unreadable data reported, which is the rule, it reads nothing.
        if (unreadable.noneReported()) {
            return List.of();
        }
        List<TaskSpec> stranded = queued.takeAll(run -> {
            Set<String> candidates = registered.offering(run);
            return task -> unreadable.noneMayTake(task, candidates).isPresent();
        });
        return stranded.stream().map(task -> new Fleet.GivenUp(start(task, by, Optional.empty()),
                unreadable.noneMayTake(task, registered.offering(FrameworkOnDevice.of(task))).orElseThrow())).toList();
    }

    /** The queued tasks, per framework on device, that no worker node running only {@code offered} can run. */
    public Map<FrameworkOnDevice, Integer> queuedWithout(Set<FrameworkOnDevice> offered) {
        return queued.countsWithout(offered);
    }

    /**
     * When no slot runs anything and no queued task is of a framework on device in {@code offered}, takes them all
     * out of the queue as started attempts of {@code by}, for the caller to end as failed; otherwise none.
     * Attempts no slot runs (given up, about to be ended) do not hold them back.
     */
    public List<Attempt> takeUnschedulable(Set<FrameworkOnDevice> offered, String by) {
        boolean slotRunsSomething = running.values().stream().anyMatch(attempt -> attempt.slot().isPresent());
        if (slotRunsSomething || queued.isEmpty() || queued.anyOf(offered)) {
            return List.of();
        }
        return queued.takeAll(run -> task -> true).stream().map(task -> start(task, by, Optional.empty())).toList();
    }

    public Progress progress() {
        return new Progress(done.size(), running.size(), failed.size(), queued.size());
    }
}
