package io.benchfleet.worker.framework;

import io.benchfleet.protocol.BuildVersions;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.worker.attempt.CommandTrainerLauncher;
import io.benchfleet.worker.attempt.JvmTrainerLauncher;
import io.benchfleet.worker.attempt.PythonTrainerLauncher;
import io.benchfleet.worker.attempt.TrainerClassArchive;
import io.benchfleet.worker.gpu.CudaTrainerKernels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trainers of a worker node: the built-in DL4J and PyTorch ones, each unless {@code --trainer} names another
 * for its framework, then the user's own, in the order given.
 */
public final class FrameworkTrainers {

    private FrameworkTrainers() {
    }

    /**
     * @param pytorch the built-in PyTorch trainer, where the probe found torch; asked for only when no
     *                {@code --trainer pytorch=...} replaces it
     */
    public static List<FrameworkTrainer> of(List<TrainerOption> users, FrameworkTrainer dl4j,
                                            Supplier<Optional<FrameworkTrainer>> pytorch) {
        List<FrameworkTrainer> trainers = new ArrayList<>();
        trainers.add(user(users, Framework.DL4J).orElse(dl4j));
        user(users, Framework.PYTORCH).or(pytorch).ifPresent(trainers::add);
        users.stream().filter(user -> !Framework.isBuiltIn(user.name()))
                .forEach(user -> trainers.add(userSupplied(user)));
        return List.copyOf(trainers);
    }

    private static Optional<FrameworkTrainer> user(List<TrainerOption> users, String framework) {
        return users.stream().filter(user -> user.name().equals(framework)).findFirst()
                .map(FrameworkTrainers::userSupplied);
    }

    private static FrameworkTrainer userSupplied(TrainerOption user) {
        return FrameworkTrainer.userSupplied(user.name(), new CommandTrainerLauncher(user.executable()));
    }

    /**
     * The DL4J trainer JVM: on every cpu slot, and on a GPU where the CUDA trainer is installed and has kernels for it.
     *
     * @param cudaTrainer the CUDA trainer's folder where this node has it
     * @param cudaLib     where it was looked for, for the reason why not
     * @param classArchive the cpu trainer's class-data-sharing archive, where the build made one
     */
    public static FrameworkTrainer dl4j(String heap, Optional<Path> cudaTrainer, Path cudaLib,
                                        Optional<TrainerClassArchive> classArchive) {
        return new FrameworkTrainer(Framework.DL4J, BuildVersions.all().get("deeplearning4j"),
                gpu -> cudaTrainer.isEmpty()
                        ? Optional.of("gpu:" + gpu.index() + " " + gpu.name() + ": no CUDA trainer in " + cudaLib
                        + " (bin/setup build-cuda builds it)")
                        : CudaTrainerKernels.missingFor(gpu),
                new JvmTrainerLauncher(heap, cudaTrainer, classArchive));
    }

    /** The PyTorch trainer, {@code PYTHON train.py}, on the devices its probe found. */
    public static FrameworkTrainer pytorch(PyTorchProbe.Result.Found found, Path python, Path trainScript) {
        return new FrameworkTrainer(Framework.PYTORCH, found.version(),
                gpu -> found.devices().contains(Device.GPU) ? Optional.empty()
                        : Optional.of("pytorch: torch " + found.version() + " in " + python + " sees no CUDA GPU"),
                new PythonTrainerLauncher(python, trainScript));
    }
}
