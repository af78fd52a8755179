package io.benchfleet.worker.slot;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.worker.attempt.TrainerLauncher;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts every attempt's trainer as the same {@link TrainerScript}. Thread-safe: the slot starts trainers on its
 * own thread while the test waits for them.
 */
final class ScriptedTrainerLauncher implements TrainerLauncher {

    private final TrainerScript script;
    private final BlockingQueue<StartedTrainer> started = new LinkedBlockingQueue<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    ScriptedTrainerLauncher(TrainerScript script) {
        this.script = script;
    }

    @Override
    public Process start(TrainerTask task, SlotName slot) throws IOException {
        Process process = new ProcessBuilder(script.command()).start();
        processes.add(process);
        started.add(new StartedTrainer(task, process));
        return process;
    }

    StartedTrainer awaitStart(Duration wait) throws InterruptedException {
        return Optional.ofNullable(started.poll(wait.toMillis(), TimeUnit.MILLISECONDS))
                .orElseThrow(() -> new AssertionError("no trainer started within " + wait));
    }

    boolean startedNone() {
        return processes.isEmpty();
    }

    /** So that no fake trainer outlives its test, whatever the test left running. */
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }
}
