package io.benchfleet.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task with the attempt that speaks for it: one row of results.csv.
 *
 * @param run the name of the run directory that measured it, as the exports' {@code run} column gives it: a
 *            merged report holds the same task once per run
 * @param attempts how many attempts the task had in that run
 * @param finalAttempt empty when the task was never attempted
 */
public record TaskResult(String run, Task task, int attempts, Optional<RecordedAttempt> finalAttempt) {

    private static final Comparator<RecordedAttempt> BY_NUMBER = Comparator.comparingInt(RecordedAttempt::number);

    /**
     * A succeeded attempt is the result even when an earlier one failed (a retry that worked); with
     * none, the latest attempt carries the reason the task failed.
     */
    static TaskResult of(String run, Task task, List<RecordedAttempt> attempts) {
        Optional<RecordedAttempt> chosen = attempts.stream().filter(RecordedAttempt::succeeded).max(BY_NUMBER)
                .or(() -> attempts.stream().max(BY_NUMBER));
        return new TaskResult(run, task, attempts.size(), chosen);
    }

    TaskInRun inRun() {
        return new TaskInRun(run, task.id());
    }

    /**
     * An attempt still marked running after the sweep (the coordinator stopped mid-attempt) counts
     * as failed: the task has no result, and resume runs it again.
     */
    public TaskStatus status() {
        return finalAttempt.map(attempt -> attempt.succeeded() ? TaskStatus.SUCCEEDED : TaskStatus.FAILED)
                .orElse(TaskStatus.NOT_RUN);
    }

    /** "KIND: message" of a failed task's final attempt; empty unless the task failed. */
    public Optional<String> failureReason() {
        return finalAttempt.filter(attempt -> !attempt.succeeded()).map(TaskResult::reasonOf);
    }

    /** Why a succeeded task's accuracy is not to be trusted, if it is not clearly above chance. */
    public Optional<String> suspicion() {
        return ChanceLevel.suspicion(this);
    }

    private static String reasonOf(RecordedAttempt attempt) {
        String message = attempt.failureMessage().orElse(
                "attempt " + attempt.number() + " has status " + attempt.status().column() + " and no failure message");
        return attempt.failureKind().map(kind -> kind + ": " + message).orElse(message);
    }
}
