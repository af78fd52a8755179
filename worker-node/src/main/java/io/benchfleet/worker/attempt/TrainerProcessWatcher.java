package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
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
 */
public final class TrainerProcessWatcher {

    private static final Logger log = LoggerFactory.getLogger(TrainerProcessWatcher.class);
    static final int STDERR_TAIL_LINES = 30;
    /** After the trainer exits, how long its last stderr lines may take to arrive. */
    private static final long STDERR_GRACE_SECONDS = 2;

    private final String attemptId;
    private final Process process;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private CompletableFuture<Void> stderrDrained = CompletableFuture.completedFuture(null);

    public TrainerProcessWatcher(String attemptId, Process process) {
        this.attemptId = attemptId;
        this.process = process;
    }

    /**
     * @param onEvent called for each event, in order, ending with exactly one final event
     *                ({@code finished} or {@code failed}), made up here when the trainer died without one
     */
    public void follow(Executor threads, Consumer<TrainerEvent> onEvent) {
        stderrDrained = CompletableFuture.runAsync(this::drainStderr, threads);
        threads.execute(() -> readEvents(onEvent));
    }

    private void readEvents(Consumer<TrainerEvent> onEvent) {
        boolean ended = false;
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (!ended && (line = reader.readLine()) != null) {
                TrainerEvent event = EventLine.decode(line);
                onEvent.accept(event);
                ended = event.isFinal();
            }
        } catch (EventLine.MalformedEventLineException e) {
            onEvent.accept(new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED, e.getMessage()));
            process.destroyForcibly();
            return;
        } catch (IOException e) {
            log.warn("attempt {}: lost the trainer's stdout", attemptId, e);
        }
        int exitCode = waitForExit();
        if (!ended) {
            awaitStderr();
            onEvent.accept(new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED, exitDescription(exitCode)));
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
        try (var reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.info("[{}] {}", attemptId, line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            log.warn("attempt {}: lost the trainer's stderr", attemptId, e);
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }
}
