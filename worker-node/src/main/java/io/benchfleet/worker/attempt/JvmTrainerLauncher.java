package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forks {@code java ... TrainerMain} with this worker node's own classpath: one JVM per attempt, so
 * a native crash in ND4J cannot take the worker node down (docs/architecture.md, decision 3). A gpu slot's trainer
 * gets the CUDA trainer's jars in front: ND4J loads the CUDA backend where it can, and falls back to
 * the CPU one where it cannot, which the trainer then refuses (BackendCheck).
 */
public final class JvmTrainerLauncher implements TrainerLauncher {

    /** The DL4J trainer's entry point, from the trainer-dl4j module on this node's runtime classpath. */
    static final String TRAINER_MAIN = "io.benchfleet.trainer.TrainerMain";

    /** JavaCPP otherwise unpacks the first native variant it finds; this is the 6x faster one (docs/dl4j-performance.md). */
    private static final String CPU_NATIVE_VARIANT = "-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2";
    /** nd4j-cuda's variant built with cuDNN, the one the cuda profile installs. */
    private static final String CUDA_NATIVE_VARIANT = "-Dorg.bytedeco.javacpp.platform.extension=-cudnn";

    private static final String OPENBLAS_CORETYPE = "OPENBLAS_CORETYPE";
    private static final boolean HAS_AVX2_AND_FMA = cpuFlags().contains(" avx2 ") && cpuFlags().contains(" fma ");

    public static final String DEFAULT_HEAP = "3g";
    /** Logging set up in code, not from XML (trainer-dl4j's TrainerLogging): faster to start. */
    private static final String TRAINER_LOGGING = "benchfleet.logging=trainer";

    private final String heap;
    private final Optional<Path> cudaLib;
    private final Optional<TrainerClassArchive> classArchive;

    /**
     * @param heap         the trainer's maximum heap, e.g. {@code 3g}
     * @param cudaLib      the folder of the CUDA trainer's jars, where this node has it
     * @param classArchive the cpu trainer's class-data-sharing archive, where the build made one
     */
    public JvmTrainerLauncher(String heap, Optional<Path> cudaLib, Optional<TrainerClassArchive> classArchive) {
        this.heap = heap;
        this.cudaLib = cudaLib;
        this.classArchive = classArchive;
    }

    @Override
    public Process start(TrainerTask task, SlotName slot) throws IOException {
        ProcessBuilder builder = TrainerLauncher.trainerProcess(command(task, slot));
        Map<String, String> env = builder.environment();
        TrainerLauncher.pinToSlotGpus(slot, env);
        // The slot's cores, set before ND4J loads: more threads than cores costs 2x on small models.
        env.put("OMP_NUM_THREADS", Integer.toString(task.threads()));
        env.put("OPENBLAS_NUM_THREADS", Integer.toString(task.threads()));
        // ND4J's OpenBLAS 0.3.19 falls back to its generic SSE3 kernels on recent CPUs (docs/dl4j-performance.md:
        // sgemm 19.8 vs 55.4 GFLOP/s); its Haswell kernels give the same losses, bit for bit, here.
        if (!env.containsKey(OPENBLAS_CORETYPE) && HAS_AVX2_AND_FMA) {
            env.put(OPENBLAS_CORETYPE, "Haswell");
        }
        return builder.start();
    }

    /** The x86 CPU's feature flags from /proc/cpuinfo, space-delimited; empty elsewhere. */
    private static String cpuFlags() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).findFirst().map(line -> line + " ").orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    List<String> command(TrainerTask task, SlotName slot) {
        boolean onGpu = !slot.gpus().isEmpty();
        if (!onGpu && classArchive.isPresent()) {
            TrainerClassArchive archive = classArchive.get();
            return javaCommand(heap, false, archive.classpath(), List.of("-XX:SharedArchiveFile=" + archive.archive()),
                    TRAINER_MAIN, task.encode());
        }
        String classpath = System.getProperty("java.class.path");
        return javaCommand(heap, onGpu, onGpu ? cudaLib.map(lib -> lib.resolve("*") + File.pathSeparator + classpath)
                .orElse(classpath) : classpath, List.of(), TRAINER_MAIN, task.encode());
    }

    /** The java command line of a trainer JVM, or of anything that must start as one (TrainerClassArchive). */
    static List<String> javaCommand(String heap, boolean onGpu, String classpath, List<String> classSharing,
                                    String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseParallelGC");
        // The JVM's own warnings (an archive it cannot use, say) go to stdout by default, where only events may go.
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.addAll(classSharing);
        command.add(onGpu ? CUDA_NATIVE_VARIANT : CPU_NATIVE_VARIANT);
        command.add("-D" + TRAINER_LOGGING);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }
}
