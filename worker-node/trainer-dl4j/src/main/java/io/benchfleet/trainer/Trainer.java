package io.benchfleet.trainer;

import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetInfo;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.dataset.reader.DatasetLoader;
import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.TaskParts;
import io.benchfleet.trainer.network.NetworkFactory;
import io.benchfleet.trainer.network.OneDnnHelpers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Carries out one attempt: load data, build the network, train, evaluate, and report as events. */
final class Trainer {

    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** Exit codes; the event stream says the same in words. */
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    /** Stopped unfinished: its worker node is gone, and with it anyone to report to. */
    static final int WORKER_NODE_GONE = 2;

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
        DatasetInfo dataset = DatasetCatalog.byName(task.dataset())
                .orElseThrow(() -> new BadTaskException("unknown dataset '" + task.dataset() + "'"));
        Architecture architecture = trainerTask.architecture();
        architecture.incompatibility(dataset.inputShape(), dataset.classes()).ifPresent(problem -> {
            throw new BadTaskException("architecture " + architecture.name() + " cannot train on " + dataset.name()
                    + ": " + problem);
        });
        Parts parts = load(trainerTask, dataset);
        MultiLayerNetwork network = build(architecture, dataset, task);
        // After the build: ND4J loads its backend with the first array, and only then can say which it is.
        String backend = backend();
        BackendCheck.problem(task.device(), backend).ifPresent(problem -> {
            throw new WrongBackendException(problem);
        });

        events.emit(new TrainerEvent.Started(ProcessHandle.current().pid(), trainerTask.threads(), backend,
                OneDnnHelpers.describe(network), network.numParams(), parts.train().count(), parts.test().count(),
                ResourceReadings.jvmUptimeSeconds()));
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

    /** The task's train and test parts, scaled with statistics of the train part only. */
    private static Parts load(TrainerTask trainerTask, DatasetInfo dataset) {
        TaskSpec task = trainerTask.task();
        Split split = Split.fromLabel(task.split())
                .orElseThrow(() -> new BadTaskException("unknown split '" + task.split() + "'"));
        var loaded = DatasetLoader.forDataDir(trainerTask.dataDir()).load(dataset);
        log.info("loaded {} from {}", dataset.name(), loaded.directory());
        TaskParts parts = TaskParts.of(loaded, split, task);
        FeatureScaling scaling = FeatureScaling.fit(dataset.normalisation(), parts.train());
        return new Parts(TrainingData.of(parts.train(), scaling), TrainingData.of(parts.test(), scaling));
    }

    private static MultiLayerNetwork build(Architecture architecture, DatasetInfo dataset, TaskSpec task) {
        Nd4j.getRandom().setSeed(task.seed());
        MultiLayerNetwork network = NetworkFactory.build(architecture, dataset.inputShape(),
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
