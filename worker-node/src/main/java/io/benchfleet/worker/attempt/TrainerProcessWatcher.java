package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.worker.attempt.BoundedLineReader.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Follows one running trainer on threads of its own (reading a pipe blocks): every stdout line
 * becomes an event, stderr goes to the worker node's log with its last lines kept for errors, and
 * the end of the process is reported with whatever the trainer failed to say itself.
 * <p>
 * This is where a trainer's output enters the worker node, so it is checked here: a line that is not a
 * whole event, or is longer than {@link EventLine#MAX_BYTES}, or a {@code started} event of another trainer protocol
 * version than this node's, ends the attempt as crashed and the trainer with it; a failure of a kind only the worker
 * node or the coordinator may decide is turned into an error.
 * The trainer's stdin is left open until the trainer has exited: its end tells the trainer that its worker
 * node is gone.
 */
public final class TrainerProcessWatcher {

    private static final Logger log = LoggerFactory.getLogger(TrainerProcessWatcher.class);
    static final int STDERR_TAIL_LINES = 30;
    /** Stderr lines are for people; the rest of a longer one is dropped. */
    static final int STDERR_MAX_LINE_BYTES = 8 * 1024;
    /** After the trainer exits, how long its last stderr lines may take to arrive. */
    private static final long STDERR_GRACE_SECONDS = 2;
    /** How long a trainer may take to exit after its final event; the DL4J trainer needs well under a second. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final String attemptId;
    private final String framework;
    private final Process process;
    private final Duration exitGrace;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private CompletableFuture<Void> stderrDrained = CompletableFuture.completedFuture(null);

    /** @param framework the framework of the attempt's task: the one its trainer must say it trains with */
    public TrainerProcessWatcher(String attemptId, String framework, Process process) {
        this(attemptId, framework, process, EXIT_GRACE);
    }

    TrainerProcessWatcher(String attemptId, String framework, Process process, Duration exitGrace) {
        this.attemptId = attemptId;
        this.framework = framework;
        this.process = process;
        this.exitGrace = exitGrace;
    }

    /**
     * @param onEvent called for each event, in order, ending with exactly one final event
     *                ({@code finished} or {@code failed}), made up here when the trainer died without one
     */
    public void follow(Executor threads, Consumer<TrainerEvent> onEvent) {
        stderrDrained = CompletableFuture.runAsync(this::drainStderr, threads);
        threads.execute(() -> readEvents(onEvent));
    }

    /** How the trainer's stdout ended. */
    private sealed interface StdoutEnd {
        /** With the attempt's final event. */
        record FinalEvent() implements StdoutEnd {
        }

        /** Closed before a final event came. */
        record Closed() implements StdoutEnd {
        }

        /** With something no trainer may print. */
        record Broken(String reason) implements StdoutEnd {
        }
    }

    private void readEvents(Consumer<TrainerEvent> onEvent) {
        StdoutEnd end = readStdout(onEvent);
        if (end instanceof StdoutEnd.Broken broken) {
            onEvent.accept(new TrainerEvent.Failed(FailureKind.CRASHED, broken.reason()));
            endTrainer();
        }
        if (end instanceof StdoutEnd.FinalEvent) {
            endIfStillRunningAfterTheGrace();
        }
        int exitCode = waitForExit();
        closeStdin();
        if (end instanceof StdoutEnd.Closed) {
            awaitStderr();
            onEvent.accept(new TrainerEvent.Failed(FailureKind.CRASHED, exitDescription(exitCode)));
        }
    }

    private StdoutEnd readStdout(Consumer<TrainerEvent> onEvent) {
        try (var lines = new BoundedLineReader(process.getInputStream(), EventLine.MAX_BYTES)) {
            for (Optional<Line> line = lines.next(); line.isPresent(); line = lines.next()) {
                if (line.get() instanceof Line.TooLong) {
                    return new StdoutEnd.Broken("trainer printed a line longer than " + (EventLine.MAX_BYTES >> 20)
                            + " MiB: " + EventLine.quoted(line.get().text()));
                }
                TrainerEvent event = asTrainersOwn(EventLine.decode(line.get().text()));
                Optional<String> refusal = event instanceof TrainerEvent.Started started ? refusal(started)
                        : Optional.empty();
                if (refusal.isPresent()) {
                    return new StdoutEnd.Broken(refusal.get());
                }
                onEvent.accept(event);
                if (event.isFinal()) {
                    return new StdoutEnd.FinalEvent();
                }
            }
        } catch (EventLine.MalformedEventLineException e) {
            return new StdoutEnd.Broken(e.getMessage());
        } catch (IOException e) {
            log.warn("attempt {}: lost the trainer's stdout", attemptId, e);
        }
        return new StdoutEnd.Closed();
    }

    /**
     * Why a trainer that says this cannot be trusted with the attempt: it speaks another protocol version, or it
     * trains with another framework than the task's (a node's {@code --trainer} pointing at the wrong
     * executable), which would put one framework's figures under another's name.
     */
    private Optional<String> refusal(TrainerEvent.Started started) {
        if (started.protocolVersion() != TrainerTask.PROTOCOL_VERSION) {
            return Optional.of("trainer speaks protocol version " + started.protocolVersion()
                    + "; this worker node speaks " + TrainerTask.PROTOCOL_VERSION);
        }
        if (!started.framework().equals(framework)) {
            return Optional.of("trainer says it trains with " + EventLine.quoted(started.framework())
                    + "; the task's framework is '" + framework + "'");
        }
        return Optional.empty();
    }

    /**
     * A trainer reports only on its own attempt ({@link FailureKind#byTrainer()}): a kind such as HANDED_BACK
     * would have the coordinator queue the task again without counting a try, for ever.
     */
    private static TrainerEvent asTrainersOwn(TrainerEvent event) {
        if (event instanceof TrainerEvent.Failed failed && !FailureKind.byTrainer().contains(failed.kind())) {
            return new TrainerEvent.Failed(FailureKind.ERROR, "the trainer reported a failure of kind " + failed.kind()
                    + ", which a trainer may not (it may report " + FailureKind.byTrainer() + "); its message: "
                    + EventLine.quoted(failed.message()));
        }
        return event;
    }

    /** SIGKILL, with whatever the trainer forked: after a broken stream nothing it says can be trusted. */
    private void endTrainer() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A trainer that has said its last word but lingers would hold its slot's cores beside the next attempt. */
    private void endIfStillRunningAfterTheGrace() {
        try {
            if (!process.waitFor(exitGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("attempt {}: the trainer still ran {} after its final event; ending it", attemptId, exitGrace);
                endTrainer();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endTrainer();
        }
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("attempt {}: closing the trainer's stdin failed", attemptId, e);
        }
    }

    private void awaitStderr() {
        try {
            stderrDrained.get(STDERR_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("attempt {}: stderr not fully drained", attemptId, e);
        }
    }

    /** Exit codes above 128 are a signal (137 = SIGKILL, e.g. the OOM killer). */
    private String exitDescription(int exitCode) {
        String how = exitCode > 128 ? "killed by signal " + (exitCode - 128) : "exited with code " + exitCode;
        return "trainer " + how + " without a final event; stderr tail: " + stderrTail();
    }

    private void drainStderr() {
        try (var lines = new BoundedLineReader(process.getErrorStream(), STDERR_MAX_LINE_BYTES)) {
            for (Optional<Line> line = lines.next(); line.isPresent(); line = lines.next()) {
                String text = line.get() instanceof Line.TooLong ? line.get().text() + "... (cut)" : line.get().text();
                log.info("[{}] {}", attemptId, text);
                keepInTail(text);
            }
        } catch (IOException e) {
            log.warn("attempt {}: lost the trainer's stderr", attemptId, e);
        }
    }

    private void keepInTail(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_TAIL_LINES) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }
}
