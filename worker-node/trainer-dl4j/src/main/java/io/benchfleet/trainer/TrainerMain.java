package io.benchfleet.trainer;

import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerTask;

/**
 * The trainer process a worker node forks for each attempt: one JVM per attempt, so that a native
 * crash in ND4J cannot take the worker node down. Its only argument is the {@link TrainerTask} as
 * JSON; its stdout carries event lines and nothing else. It stops the moment its stdin ends, which
 * its worker node holds open ({@link WorkerNodeLifeline}): run by hand, give it a stdin that stays open.
 */
public final class TrainerMain {

    private TrainerMain() {
    }

    public static void main(String[] args) {
        BackendStart backend = BackendStart.begin();
        WorkerNodeLifeline.watch(System.in, TrainerMain::stopForWorkerNodeGone);
        EventStream events = EventStream.takeOverStdout();
        if (args.length != 1) {
            events.emit(new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT,
                    "trainer expects one argument, the attempt as JSON; got " + args.length));
            System.exit(Trainer.FAILED);
        }
        TaskProtocolCheck.problem(args[0]).ifPresent(problem -> {
            events.emit(new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT, problem));
            System.exit(Trainer.FAILED);
        });
        TrainerTask task;
        try {
            task = TrainerTask.decode(args[0]);
        } catch (IllegalArgumentException e) {
            events.emit(new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT, e.getMessage()));
            System.exit(Trainer.FAILED);
            return;
        }
        // Exit explicitly: ND4J leaves non-daemon threads behind.
        System.exit(new Trainer(events, backend).run(task));
    }

    /** Halt rather than exit: shutdown hooks could wait on training threads, and no one awaits a result. */
    private static void stopForWorkerNodeGone() {
        System.err.println("trainer: stdin ended, so its worker node is gone; stopping now");
        Runtime.getRuntime().halt(Trainer.WORKER_NODE_GONE);
    }
}
