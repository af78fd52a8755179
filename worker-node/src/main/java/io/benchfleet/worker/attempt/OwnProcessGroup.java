package io.benchfleet.worker.attempt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a trainer in a process group (and session) of its own, through util-linux's {@code setsid}: a signal for
 * the worker node's group then reaches the worker node alone, which decides what becomes of its trainers. Ctrl-C in
 * a terminal sends SIGINT to the whole foreground group, and would otherwise kill the trainers that
 * {@code --on-stop finish} is to let finish.
 * <p>
 * setsid forks only when it leads a process group, which a ProcessBuilder's child never does; otherwise it execs the
 * trainer in place. The trainer so keeps the pid that the worker node waits for, samples and kills, the stdin pipe
 * that is its lifeline, and the worker node as its parent. Where there is no setsid, trainers share the worker node's
 * group as before, and a Ctrl-C ends them with it.
 */
final class OwnProcessGroup {

    /** Found once, at start, and named by its absolute path: the trainer's start does not depend on its PATH. */
    private static final Optional<Path> SETSID = find("setsid", System.getenv("PATH"));

    private OwnProcessGroup() {
    }

    /** {@code command}, to be run in a process group of its own where this machine can. */
    static List<String> command(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> own = new ArrayList<>(command.size() + 1);
        own.add(SETSID.get().toString());
        own.addAll(command);
        return own;
    }

    /** The first executable {@code name} in the absolute folders of {@code searchPath} (PATH's form). */
    static Optional<Path> find(String name, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        return Stream.of(searchPath.split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, name))
                .filter(candidate -> candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }
}
