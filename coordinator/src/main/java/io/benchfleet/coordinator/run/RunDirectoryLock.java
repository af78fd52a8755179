package io.benchfleet.coordinator.run;

import io.benchfleet.rundirectory.RunFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one coordinator of a run directory: an OS file lock on its {@link RunFiles#COORDINATOR_LOCK}, held
 * while the coordinator runs. Two coordinators on one results.db would each mark the other's running
 * attempts as stopped and run the same tasks twice. The OS releases the lock with its process, however it
 * ends (kill -9 included), so a lock is never stale; the pid and start written in the file only name the
 * holder in the refusal.
 * <p>
 * A process takes it once: closing any channel on the file drops the process's lock on it (POSIX record
 * locks), so nothing else in a coordinator that holds it opens the file.
 */
public final class RunDirectoryLock implements AutoCloseable {

    /** The coordinator that holds a run directory, as it wrote itself into the lock file. */
    record Holder(long pid, Instant startedAt) {

        String describe() {
            return "pid " + pid + ", started at " + startedAt;
        }
    }

    private static final String PID = "pid";
    private static final String STARTED_AT = "started_at";
    private static final int MAX_CONTENT = 4096;

    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run directory for this coordinator.
     *
     * @throws IllegalArgumentException naming the coordinator that holds it already
     */
    public static RunDirectoryLock acquire(Path runDirectory) throws IOException {
        FileChannel channel = FileChannel.open(fileIn(runDirectory), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Optional<FileLock> lock = Optional.ofNullable(channel.tryLock());
            if (lock.isEmpty()) {
                throw inUse(runDirectory, describeHolder(channel));
            }
            Holder self = new Holder(ProcessHandle.current().pid(), Instant.now());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((PID + "=" + self.pid() + "\n" + STARTED_AT + "=" + self.startedAt() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new RunDirectoryLock(channel, lock.get());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Refuses a run directory another coordinator holds, without taking it or writing into it.
     *
     * @throws IllegalArgumentException naming that coordinator
     */
    public static void checkFree(Path runDirectory) throws IOException {
        Optional<String> holder = heldBy(runDirectory);
        if (holder.isPresent()) {
            throw inUse(runDirectory, holder.get());
        }
    }

    /** The coordinator that holds the run directory now, as "pid N, started at T"; empty when none does. */
    public static Optional<String> heldBy(Path runDirectory) throws IOException {
        Path file = fileIn(runDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Optional<FileLock> lock = Optional.ofNullable(channel.tryLock());
            if (lock.isEmpty()) {
                return Optional.of(describeHolder(channel));
            }
            lock.get().release();
            return Optional.empty();
        }
    }

    private static Path fileIn(Path runDirectory) {
        return runDirectory.resolve(RunFiles.COORDINATOR_LOCK);
    }

    private static String describeHolder(FileChannel channel) throws IOException {
        return holder(channel).map(Holder::describe).orElse("pid unknown");
    }

    private static IllegalArgumentException inUse(Path runDirectory, String holder) {
        return new IllegalArgumentException("run directory " + runDirectory + " is in use by a coordinator (" + holder
                + "); expected one coordinator per run directory: wait for that one to end, or stop it first");
    }

    /** Empty while the holder has not written itself yet, or when the file was edited by hand. */
    private static Optional<Holder> holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_CONTENT));
        channel.read(content, 0);
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        if (!fields.containsKey(PID) || !fields.containsKey(STARTED_AT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Holder(Long.parseLong(fields.get(PID)), Instant.parse(fields.get(STARTED_AT))));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The file stays: removing it would let a coordinator that opened it just before lock a file nobody else sees. */
    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
