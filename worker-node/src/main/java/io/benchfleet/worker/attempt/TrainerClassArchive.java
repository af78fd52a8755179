package io.benchfleet.worker.attempt;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An application class-data-sharing archive (the JDK's AppCDS) for the DL4J trainer on cpu slots: the classes a
 * trainer loads before its first minibatch, parsed and verified once at build time and mapped by every trainer JVM
 * instead of being read from the jars again. It takes about 0.4 s off each trainer's start on this project's 2-core
 * machine (docs/dl4j-performance.md, a trainer's start).
 * <p>
 * The JVM accepts an archive only with the classpath it was made with, and jars only (no classes folder), so the
 * folder holds the archive and that classpath: every jar of the worker node's {@code lib} folder, sorted. The JVM
 * checks each jar's size and time too; where they changed, or the JDK did, the trainer runs without the archive
 * and says so on stderr. GPU trainers, whose classpath starts with the CUDA jars, run without it.
 * <p>
 * Made by {@link #main}, which worker-node's build runs in its package phase.
 */
public record TrainerClassArchive(Path archive, String classpath) {

    static final String ARCHIVE = "trainer.jsa";
    static final String CLASSPATH = "classpath";
    private static final String WARM_UP_LOG = "warm-up.log";
    /** The warm-up trains three tiny networks; on a loaded 2-core machine it takes about 15 s. */
    private static final long WARM_UP_SECONDS = 300;
    private static final String WARM_UP_MAIN = "io.benchfleet.trainer.ClassArchiveWarmUp";

    /** The archive in {@code folder}, where one was made and every jar of its classpath is still there. */
    public static Optional<TrainerClassArchive> in(Path folder) throws IOException {
        Path archive = folder.resolve(ARCHIVE);
        Path classpathFile = folder.resolve(CLASSPATH);
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(classpathFile)) {
            return Optional.empty();
        }
        String classpath = Files.readString(classpathFile).strip();
        boolean complete = !classpath.isEmpty()
                && Stream.of(classpath.split(File.pathSeparator)).map(Path::of).allMatch(Files::isRegularFile);
        return complete ? Optional.of(new TrainerClassArchive(archive.toAbsolutePath(), classpath)) : Optional.empty();
    }

    /** Every jar in {@code lib}, sorted, as an explicit classpath: a wildcard's order is the directory's. */
    static String classpathOf(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .map(file -> file.toAbsolutePath().toString())
                    .sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    /**
     * Makes the archive: runs the trainer's warm-up in a JVM started as a worker node starts trainers, with
     * {@code -XX:ArchiveClassesAtExit}, then records the classpath. A folder left from before is replaced.
     *
     * @throws IllegalStateException when the warm-up fails or writes no archive
     */
    public static void make(Path lib, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(CLASSPATH));
        Files.deleteIfExists(folder.resolve(ARCHIVE));
        String classpath = classpathOf(lib);
        Path archive = folder.resolve(ARCHIVE).toAbsolutePath();
        List<String> command = JvmTrainerLauncher.javaCommand(JvmTrainerLauncher.DEFAULT_HEAP, false, classpath,
                // Quiet about the classes it leaves out (Java 5 bytecode in commons-math, JFR events): expected.
                List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=error:stderr"), WARM_UP_MAIN);
        // stdin stays an open pipe: the warm-up, like a trainer, takes its end for its worker node's.
        Path log = folder.resolve(WARM_UP_LOG);
        Process warmUp = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        if (!warmUp.waitFor(WARM_UP_SECONDS, TimeUnit.SECONDS)) {
            warmUp.destroyForcibly();
            throw new IllegalStateException("the trainer's class archive warm-up ran longer than " + WARM_UP_SECONDS
                    + " s; its log: " + log);
        }
        if (warmUp.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the trainer's class archive warm-up exited with " + warmUp.exitValue()
                    + (Files.isRegularFile(archive) ? "" : " and wrote no " + archive) + "; its log: " + log);
        }
        Files.writeString(folder.resolve(CLASSPATH), classpath + "\n");
    }

    /** Arguments: LIB_FOLDER ARCHIVE_FOLDER. Exit 1 with one line on stderr when the archive cannot be made. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: TrainerClassArchive LIB_FOLDER ARCHIVE_FOLDER");
            System.exit(2);
        }
        try {
            make(Path.of(args[0]), Path.of(args[1]));
        } catch (IOException | IllegalStateException e) {
            System.err.println("cannot make the trainer's class archive in " + args[1] + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
