package io.benchfleet.worker.attempt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the build's class archive: only whole, and only while every jar it was made with is still there. */
class TrainerClassArchiveTest {

    @TempDir
    Path dir;

    private Path jar(String name) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        return Files.writeString(lib.resolve(name), "jar");
    }

    private Path archiveFolder(String classpath) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("archive"));
        Files.writeString(folder.resolve(TrainerClassArchive.ARCHIVE), "cds");
        Files.writeString(folder.resolve(TrainerClassArchive.CLASSPATH), classpath + "\n");
        return folder;
    }

    @Test
    void anArchiveWithItsClasspathIsFound() throws Exception {
        String classpath = jar("a.jar") + File.pathSeparator + jar("b.jar");

        var archive = TrainerClassArchive.in(archiveFolder(classpath));

        assertThat(archive).hasValueSatisfying(found -> {
            assertThat(found.classpath()).isEqualTo(classpath);
            assertThat(found.archive()).isEqualTo(dir.resolve("archive").resolve(TrainerClassArchive.ARCHIVE));
        });
    }

    @Test
    void noFolderOrHalfAFolderIsNoArchive() throws Exception {
        assertThat(TrainerClassArchive.in(dir.resolve("missing"))).isEmpty();

        Path folder = archiveFolder(jar("a.jar").toString());
        Files.delete(folder.resolve(TrainerClassArchive.CLASSPATH));

        assertThat(TrainerClassArchive.in(folder)).isEmpty();
    }

    @Test
    void anArchiveWhoseJarIsGoneIsNoArchive() throws Exception {
        Path gone = jar("gone.jar");
        Path folder = archiveFolder(jar("a.jar") + File.pathSeparator + gone);
        Files.delete(gone);

        assertThat(TrainerClassArchive.in(folder)).isEmpty();
    }

    @Test
    void theClasspathIsEveryJarOfTheLibFolderSortedAndNothingElse() throws Exception {
        Path b = jar("b.jar");
        Path a = jar("a.jar");
        Files.writeString(dir.resolve("lib").resolve("notes.txt"), "not a jar");

        assertThat(TrainerClassArchive.classpathOf(dir.resolve("lib"))).isEqualTo(a + File.pathSeparator + b);
    }

    /** Stands in for a trainer: one line on stdout, as an event would be. */
    public static final class OneLineOnStdout {
        public static void main(String[] args) {
            System.out.println("the only line");
        }
    }

    @Test
    void anArchiveWhoseJarWasRebuiltCostsSpeedNotTheEventStream() throws Exception {
        Path jar = jarOf(OneLineOnStdout.class);
        Path archive = dir.resolve("trainer.jsa");
        assertThat(runJvm(jar, "-XX:ArchiveClassesAtExit=" + archive).waitFor()).isZero();
        assertThat(archive).isRegularFile();
        // What a rebuild does to the jar: the JVM compares its time with the archive's record.
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(10)));

        Process jvm = runJvm(jar, "-XX:SharedArchiveFile=" + archive);
        String stdout = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(jvm.waitFor()).isZero();
        assertThat(stdout).isEqualTo("the only line" + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("stderr"))).contains("Unable to use shared archive", archive.toString());
    }

    private Process runJvm(Path classpath, String classSharing) throws Exception {
        List<String> command = JvmTrainerLauncher.javaCommand("256m", false, classpath.toString(), List.of(classSharing),
                OneLineOnStdout.class.getName());
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile()).start();
    }

    /** A jar holding one compiled class: the JVM archives classes from jars only. */
    private Path jarOf(Class<?> type) throws Exception {
        String entry = type.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("trainer.jar");
        try (var in = type.getClassLoader().getResourceAsStream(entry);
             var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }
}
