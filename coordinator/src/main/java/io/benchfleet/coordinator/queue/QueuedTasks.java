package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The tasks waiting to run, one line per framework on device, each line in sweep order, a retry before
 * everything queued. A slot looks only at the heads of the lines it can run: tasks no node in the cluster
 * runs (a framework not installed, a device missing) pile up in their own line and cost the others nothing
 * (issue 19 hands out 5,000+ tasks).
 */
final class QueuedTasks {

    /** A task and its place in the queue: sweep order counts up from 0, retries count down from -1. */
    private record Entry(long place, TaskSpec task) {
    }

    private static final Comparator<Entry> BY_PLACE = Comparator.comparingLong(Entry::place);

    private final Map<FrameworkOnDevice, Deque<Entry>> lines = new HashMap<>();
    private long nextPlace;
    private long nextRetryPlace = -1;
    private int size;

    void addLast(TaskSpec task) {
        lineOf(task).addLast(new Entry(nextPlace++, task));
        size++;
    }

    /** A retry runs before everything queued, so it does not wait behind the whole sweep. */
    void addFirst(TaskSpec task) {
        lineOf(task).addFirst(new Entry(nextRetryPlace--, task));
        size++;
    }

    /** Each line stays sorted by place: retries go in front with ever lower places, the sweep behind in order. */
    private Deque<Entry> lineOf(TaskSpec task) {
        return lines.computeIfAbsent(FrameworkOnDevice.of(task), key -> new ArrayDeque<>());
    }

    /**
     * Takes the task that comes first among those of {@code runs} that {@code mayTake} accepts. A line is read
     * past its head only when the head is refused (a node without the task's data), which is rare.
     */
    Optional<TaskSpec> takeFirst(Collection<FrameworkOnDevice> runs, Predicate<TaskSpec> mayTake) {
        Optional<Entry> best = runs.stream().map(run -> firstTakable(run, mayTake)).flatMap(Optional::stream)
                .min(BY_PLACE);
        best.ifPresent(entry -> {
            lines.get(FrameworkOnDevice.of(entry.task())).removeFirstOccurrence(entry);
            size--;
        });
        return best.map(Entry::task);
    }

    private Optional<Entry> firstTakable(FrameworkOnDevice run, Predicate<TaskSpec> mayTake) {
        return Optional.ofNullable(lines.get(run)).stream().flatMap(Deque::stream)
                .filter(entry -> mayTake.test(entry.task())).findFirst();
    }

    /** Takes every task that the test of its line accepts, in queue order; each line's test is made once. */
    List<TaskSpec> takeAll(Function<FrameworkOnDevice, Predicate<TaskSpec>> testOfLine) {
        List<Entry> out = new ArrayList<>();
        lines.forEach((run, line) -> {
            Predicate<TaskSpec> taken = testOfLine.apply(run);
            for (Iterator<Entry> it = line.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (taken.test(entry.task())) {
                    out.add(entry);
                    it.remove();
                }
            }
        });
        size -= out.size();
        return out.stream().sorted(BY_PLACE).map(Entry::task).toList();
    }

    /** Whether a task of any of {@code runs} is queued. */
    boolean anyOf(Collection<FrameworkOnDevice> runs) {
        return runs.stream().map(lines::get).anyMatch(line -> line != null && !line.isEmpty());
    }

    /** How many tasks are queued, per framework on device, among those not in {@code runs}. */
    Map<FrameworkOnDevice, Integer> countsWithout(Collection<FrameworkOnDevice> runs) {
        Map<FrameworkOnDevice, Integer> counts = new HashMap<>();
        lines.forEach((run, line) -> {
            if (!line.isEmpty() && !runs.contains(run)) {
                counts.put(run, line.size());
            }
        });
        return counts;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
