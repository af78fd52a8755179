package io.benchfleet.trainer;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.dataset.DatasetCatalog;
import io.benchfleet.protocol.dataset.DatasetInfo;
import io.benchfleet.protocol.dataset.DatasetLocator;
import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.protocol.event.TrainerEvent.FailureKind;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.trainer.data.DataFileException;
import io.benchfleet.trainer.data.DatasetLoader;
import io.benchfleet.trainer.data.TrainSubset;
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

    private final EventStream events;

    Trainer(EventStream events) {
        this.events = events;
    }

    int run(TrainerTask trainerTask) {
        try {
            train(trainerTask);
            return SUCCEEDED;
        } catch (DataFileException | BadTaskException e) {
            return fail(FailureKind.BAD_INPUT, e.getMessage());
        } catch (DivergedException e) {
            return fail(FailureKind.DIVERGED, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("attempt {} failed", trainerTask.attemptId(), e);
            return fail(FailureKind.ERROR, e.toString());
        }
    }

    private void train(TrainerTask trainerTask) {
        TaskSpec task = trainerTask.task();
        DatasetInfo dataset = DatasetCatalog.byName(task.dataset())
                .orElseThrow(() -> new BadTaskException("unknown dataset '" + task.dataset() + "'"));
        Architecture architecture = ArchitectureZoo.byName(task.architecture())
                .orElseThrow(() -> new BadTaskException("unknown architecture '" + task.architecture() + "'"));

        var parts = new DatasetLoader(DatasetLocator.forDataDir(trainerTask.dataDir())).load(dataset);
        log.info("loaded {} from {}", dataset.name(), parts.directory());
        TrainingData train = TrainingData.of(TrainSubset.of(parts.train(), task.training().trainLimit(), task.seed()));
        TrainingData test = TrainingData.of(parts.test());

        Nd4j.getRandom().setSeed(task.seed());
        MultiLayerNetwork network = NetworkFactory.build(architecture, dataset.inputShape(), task.seed());
        OneDnnHelpers.install(network);
        List<String> helpers = OneDnnHelpers.describe(network);
        log.info("layer helpers: {}", helpers.isEmpty() ? "none" : helpers);

        events.emit(new TrainerEvent.Started(ProcessHandle.current().pid(), trainerTask.threads(), backend(), helpers,
                network.numParams(), train.count(), test.count(), ResourceReadings.jvmUptimeSeconds()));
        var loop = new EpochLoop(network, train, test, task.training().batchSize(), task.seed(), new ResourceReadings());
        EpochLoop.Outcome outcome = loop.run(task.training().epochs(), events::emit);
        warnAboutFallbacks(network);

        double samples = (double) train.count() * task.training().epochs();
        events.emit(new TrainerEvent.Finished(outcome.trainSeconds(), samples / outcome.trainSeconds(),
                outcome.lastEvaluation().accuracy(), outcome.lastEvaluation().loss()));
    }

    private static void warnAboutFallbacks(MultiLayerNetwork network) {
        List<String> fallen = OneDnnHelpers.fallenBack(network);
        if (!fallen.isEmpty()) {
            log.warn("oneDNN helpers failed and these layers fell back to the slow built-in path: {}", fallen);
        }
    }

    /** ND4J's backend and whether its native library was built with oneDNN. */
    private static String backend() {
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String device = Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA";
        return build.contains("HAVE_ONEDNN") ? device + " (oneDNN)" : device;
    }

    private int fail(FailureKind kind, String message) {
        events.emit(new TrainerEvent.Failed(kind, message));
        return FAILED;
    }

    static final class BadTaskException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTaskException(String message) {
            super(message);
        }
    }
}
