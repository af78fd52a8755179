package io.benchfleet.coordinator.run;

import io.benchfleet.report.ReportException;
import io.benchfleet.report.ResultsReader;
import io.benchfleet.report.RunMetadata;
import io.benchfleet.report.RunResults;
import io.benchfleet.report.TaskResult;
import io.benchfleet.report.TaskStatus;
import io.benchfleet.rundirectory.ResultsDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The run directories in one folder ({@code runs/} by default), each as {@code bin/coordinator runs} lists it. */
public final class RunsFolder {

    public enum State {
        RUNNING("running"), FINISHED("finished"), STOPPED("stopped"), UNREADABLE("unreadable");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One run directory.
     *
     * @param startedAt when the sweep first started, as results.db recorded it; empty when it did not get that far
     * @param detail    who holds a running one, or why one is unreadable; empty otherwise
     */
    public record Run(Path directory, String sweepName, Optional<String> startedAt, State state,
                      Map<TaskStatus, Long> tasks, Optional<String> detail) {

        public long tasks(TaskStatus status) {
            return tasks.getOrDefault(status, 0L);
        }
    }

    private RunsFolder() {
    }

    /** The folder's run directories (those with a results.db), oldest first. */
    public static List<Run> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no such folder: " + folder
                    + "; expected a folder of run directories such as runs/");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> directories = entries.filter(ResultsDatabase::existsIn).toList();
            return directories.stream().map(RunsFolder::describe)
                    .sorted(Comparator.comparing((Run run) -> run.startedAt().orElse(""))
                            .thenComparing(run -> run.directory().toString()))
                    .toList();
        }
    }

    private static Run describe(Path directory) {
        Optional<String> holder;
        try {
            holder = RunDirectoryLock.heldBy(directory);
        } catch (IOException e) {
            holder = Optional.empty();
        }
        RunResults results;
        try (ResultsReader reader = ResultsReader.open(directory)) {
            results = reader.read();
        } catch (ReportException e) {
            return new Run(directory, directory.getFileName().toString(), Optional.empty(), State.UNREADABLE, Map.of(),
                    Optional.of(e.getMessage()));
        }
        Map<TaskStatus, Long> tasks = results.tasks().stream()
                .collect(Collectors.groupingBy(TaskResult::status, Collectors.counting()));
        State state = holder.isPresent() ? State.RUNNING
                : tasks.getOrDefault(TaskStatus.NOT_RUN, 0L) > 0 || results.tasks().isEmpty() ? State.STOPPED
                : State.FINISHED;
        RunMetadata run = results.run();
        return new Run(directory, run.sweepName(), run.value(RunMetadata.STARTED_AT), state, tasks,
                holder);
    }
}
