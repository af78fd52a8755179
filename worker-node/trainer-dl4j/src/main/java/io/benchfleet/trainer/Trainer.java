package io.benchfleet.trainer;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.partition.PartitionContents;
import io.benchfleet.protocol.BuildVersions;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.trainer.network.NetworkFactory;
import io.benchfleet.trainer.network.OneDnnHelpers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/** Carries out one attempt: read its data partition, build the network, train, evaluate, and report as events. */
final class Trainer {

    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** Exit codes; the event stream says the same in words. */
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    /** Stopped unfinished: its worker node is gone, and with it anyone to report to. */
    static final int WORKER_NODE_GONE = 2;

    /** The DL4J this trainer was built with, as the {@code started} event reports it. */
    private static final String DL4J_VERSION = BuildVersions.all().get("deeplearning4j");

    private final EventStream events;
    private final BackendStart backendStart;

    Trainer(EventStream events, BackendStart backendStart) {
        this.events = events;
        this.backendStart = backendStart;
    }

    int run(TrainerTask trainerTask) {
        try {
            train(trainerTask);
            return SUCCEEDED;
        } catch (RuntimeException | Error e) {
            // Errors too (a native library that fails to load, a class that fails to initialise): ND4J's
            // non-daemon threads would otherwise keep this JVM alive without a final event until the timeout.
            TrainerEvent.Failed failed = FailedEvent.of(e, MemoryFigures.now());
            if (failed.kind() == FailureKind.ERROR || failed.kind() == FailureKind.OUT_OF_MEMORY) {
                log.error("attempt {} failed", trainerTask.attemptId(), e);
            }
            events.emit(failed);
            return FAILED;
        }
    }

    private void train(TrainerTask trainerTask) {
        TaskSpec task = trainerTask.task();
        DataPartition partition = trainerTask.partition();
        Architecture architecture = trainerTask.architecture();
        architecture.incompatibility(partition.shape(), partition.classes()).ifPresent(problem -> {
            throw new BadTaskException("architecture " + architecture.name() + " cannot train on " + task.dataset()
                    + ": " + problem);
        });
        var timeline = new StartTimeline();
        PartitionContents contents = read(partition);
        timeline.mark("partition read");
        backendStart.await();
        timeline.mark("ND4J up");
        TrainingData train = TrainingData.of(contents.train(), contents.scaling());
        timeline.mark("training part scaled");
        MultiLayerNetwork network = build(architecture, partition, task);
        timeline.mark("network built");
        String backend = backend();
        BackendCheck.problem(task.device(), backend).ifPresent(problem -> {
            throw new WrongBackendException(problem);
        });
        log.info("start, seconds since the JVM's: {}", timeline);

        events.emit(new TrainerEvent.Started(TrainerTask.PROTOCOL_VERSION, Framework.DL4J, DL4J_VERSION,
                ProcessHandle.current().pid(), trainerTask.threads(), backend, OneDnnHelpers.describe(network),
                network.numParams(), train.count(), partition.testSamples(), ResourceReadings.jvmUptimeSeconds(),
                null));
        var loop = new EpochLoop(network, train, () -> TrainingData.of(contents.test(), contents.scaling()),
                task.training().batchSize(), task.seed(), new ResourceReadings());
        EpochLoop.Outcome outcome = loop.run(task.training().epochs(), events::emit);
        warnAboutFallbacks(network);

        double samples = (double) train.count() * task.training().epochs();
        events.emit(new TrainerEvent.Finished(outcome.trainSeconds(), samples / outcome.trainSeconds(),
                outcome.lastEvaluation().accuracy(), outcome.lastEvaluation().loss()));
    }

    /** The partition's files; scaled into ND4J arrays once ND4J is up. */
    private static PartitionContents read(DataPartition partition) {
        PartitionContents contents;
        try {
            contents = PartitionContents.read(partition);
        } catch (IOException e) {
            // The files are this node's: another node, with its own copy, may well read them.
            throw new DatasetUnavailableException("cannot read the data partition in " + partition.directory() + ": "
                    + e);
        }
        log.info("read the data partition in {}", partition.directory());
        return contents;
    }

    private static MultiLayerNetwork build(Architecture architecture, DataPartition partition, TaskSpec task) {
        Nd4j.getRandom().setSeed(task.seed());
        MultiLayerNetwork network = NetworkFactory.build(architecture, partition.shape(),
                task.training().optimizer(), task.seed());
        OneDnnHelpers.install(network);
        List<String> helpers = OneDnnHelpers.describe(network);
        log.info("layer helpers: {}", helpers.isEmpty() ? "none" : helpers);
        return network;
    }

    private static void warnAboutFallbacks(MultiLayerNetwork network) {
        List<String> fallen = OneDnnHelpers.fallenBack(network);
        if (!fallen.isEmpty()) {
            log.warn("oneDNN helpers failed and these layers fell back to the slow built-in path: {}", fallen);
        }
    }

    /** ND4J's backend, whether its native library was built with oneDNN, and the BLAS kernels forced, if any. */
    private static String backend() {
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String device = Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA";
        String oneDnn = build.contains("HAVE_ONEDNN") ? ", oneDNN" : "";
        String kernels = System.getenv("OPENBLAS_CORETYPE");
        return device + oneDnn + (kernels == null ? "" : ", OpenBLAS " + kernels + " kernels");
    }

    /** The trainer got another ND4J backend than its task's device needs. */
    static final class WrongBackendException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongBackendException(String message) {
            super(message);
        }
    }

    static final class BadTaskException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTaskException(String message) {
            super(message);
        }
    }
}
