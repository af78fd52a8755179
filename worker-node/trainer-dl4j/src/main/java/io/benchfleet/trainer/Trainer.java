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

    Trainer(EventStream events) {
        this.events = events;
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
        Parts parts = load(partition);
        MultiLayerNetwork network = build(architecture, partition, task);
        // After the build: ND4J loads its backend with the first array, and only then can say which it is.
        String backend = backend();
        BackendCheck.problem(task.device(), backend).ifPresent(problem -> {
            throw new WrongBackendException(problem);
        });

        events.emit(new TrainerEvent.Started(TrainerTask.PROTOCOL_VERSION, Framework.DL4J, DL4J_VERSION,
                ProcessHandle.current().pid(), trainerTask.threads(), backend, OneDnnHelpers.describe(network),
                network.numParams(), parts.train().count(), parts.test().count(), ResourceReadings.jvmUptimeSeconds(),
                null));
        var loop = new EpochLoop(network, parts.train(), parts.test(), task.training().batchSize(), task.seed(),
                new ResourceReadings());
        EpochLoop.Outcome outcome = loop.run(task.training().epochs(), events::emit);
        warnAboutFallbacks(network);

        double samples = (double) parts.train().count() * task.training().epochs();
        events.emit(new TrainerEvent.Finished(outcome.trainSeconds(), samples / outcome.trainSeconds(),
                outcome.lastEvaluation().accuracy(), outcome.lastEvaluation().loss()));
    }

    private record Parts(TrainingData train, TrainingData test) {
    }

    /** The partition's train and test parts, scaled as the worker node fitted the scaling on the train part. */
    private static Parts load(DataPartition partition) {
        PartitionContents contents;
        try {
            contents = PartitionContents.read(partition);
        } catch (IOException e) {
            // The files are this node's: another node, with its own copy, may well read them.
            throw new DatasetUnavailableException("cannot read the data partition in " + partition.directory() + ": "
                    + e);
        }
        log.info("read the data partition in {}", partition.directory());
        return new Parts(TrainingData.of(contents.train(), contents.scaling()),
                TrainingData.of(contents.test(), contents.scaling()));
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
