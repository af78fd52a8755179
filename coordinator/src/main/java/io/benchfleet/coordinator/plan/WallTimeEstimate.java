package io.benchfleet.coordinator.plan;

import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.report.ReportException;
import io.benchfleet.report.ResultsReader;
import io.benchfleet.report.RunResults;
import io.benchfleet.report.Task;
import io.benchfleet.report.TaskResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * A sweep's wall time estimated from another run's measured tasks ({@code plan --like RUN_DIR}): each planned
 * task costs the mean wall time (start to end of its succeeded attempt) of that run's tasks with the same dataset,
 * architecture, framework, device, split and train fraction, and the tasks go in sweep order to whichever of the
 * slots frees first, as the coordinator hands them out. Tasks without such a like are left out and counted.
 *
 * @param wall       the estimate for the tasks that have a like
 * @param estimated  the planned tasks that have one
 * @param without    the planned tasks that have none
 */
public record WallTimeEstimate(Duration wall, int estimated, int without) {

    /** Mean measured seconds per kind of task. */
    public record LikeRun(Map<Kind, Double> secondsPerTask) {

        /** The axes that decide how long a task takes; repetition and fold do not. */
        record Kind(String dataset, String architecture, String framework, String device, String split,
                    double trainFraction) {
        }

        public static LikeRun read(Path runDirectory) throws ReportException {
            RunResults results;
            Map<String, Double> seconds;
            try (ResultsReader reader = ResultsReader.open(runDirectory)) {
                results = reader.read();
                seconds = reader.succeededAttemptSeconds();
            }
            Map<Kind, Double> means = results.tasks().stream()
                    .map(TaskResult::task)
                    .filter(task -> seconds.containsKey(task.id()))
                    .collect(Collectors.groupingBy(LikeRun::kind,
                            Collectors.averagingDouble(task -> seconds.get(task.id()))));
            return new LikeRun(means);
        }

        private static Kind kind(Task task) {
            return new Kind(task.dataset(), task.architecture(), task.framework(), task.device(), task.split(),
                    task.trainFraction());
        }

        Optional<Double> secondsOf(TaskSpec task) {
            return Optional.ofNullable(secondsPerTask.get(new Kind(task.dataset(), task.architecture(),
                    task.framework(), task.device().label(), task.split(), task.trainFraction())));
        }
    }

    public static WallTimeEstimate of(List<TaskSpec> tasks, LikeRun like, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots = " + slots + ": expected 1 or more");
        }
        PriorityQueue<Double> slotFreeAt = new PriorityQueue<>();
        for (int i = 0; i < slots; i++) {
            slotFreeAt.add(0.0);
        }
        double end = 0;
        int estimated = 0;
        for (TaskSpec task : tasks) {
            Optional<Double> seconds = like.secondsOf(task);
            if (seconds.isPresent()) {
                double taskEnd = slotFreeAt.poll() + seconds.get();
                slotFreeAt.add(taskEnd);
                end = Math.max(end, taskEnd);
                estimated++;
            }
        }
        return new WallTimeEstimate(Duration.ofMillis(Math.round(end * 1000)), estimated, tasks.size() - estimated);
    }

    /** e.g. {@code 1 h 02 min}, {@code 4 min 05 s}, {@code 12 s}. */
    public static String readable(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        if (seconds >= 3600) {
            long minutes = Math.round(seconds / 60.0);
            return String.format("%d h %02d min", minutes / 60, minutes % 60);
        }
        if (seconds >= 60) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }
}
