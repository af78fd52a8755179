package io.benchfleet.coordinator.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A coordinator and worker nodes started through {@code bin/} as a user would, with a fake trainer
 * so that the cluster paths take seconds: a shell script that the worker nodes run in place of the
 * DL4J trainer JVM ({@code --trainer dl4j=SCRIPT}). For each attempt it looks up what to do
 * in a plan, by the task's repetition and the attempt's number: {@code finish SECONDS},
 * {@code crash}, {@code bad-input}, {@code hang}, {@code fail KIND} (a failed event of that kind),
 * {@code print LINE} (that line on stdout, then exit 0), {@code long-line} (a 2 MiB line),
 * {@code silent} (exit 0 without a final event) or {@code speak-protocol N} (its started line says trainer
 * protocol version N, then it hangs); {@code if-set VARIABLE ACTION} does ACTION where the
 * worker node's environment has VARIABLE, and finishes elsewhere; without a line it finishes at once. Each start
 * is written to {@code trainer.log} as {@code start ATTEMPT_ID PID}. Its backend is {@code fake}, or
 * {@code fake on GPU N} when the worker node pinned it to GPU N. Like every trainer it ends at once, with
 * whatever it started, when its stdin reaches its end: its worker node is gone.
 * <p>
 * The worker nodes prepare each task's data partition before they start its trainer, as for any trainer: the
 * sweeps train on a small MNIST in the real format ({@link IdxFixture}) in this cluster's data folder.
 */
final class FakeTrainerCluster implements AutoCloseable {

    /** Every attempt as "REPETITION aNUMBER STATUS [FAILURE_KIND]", in task and attempt order, for {@link #rows}. */
    static final String ATTEMPTS = "SELECT t.repetition || ' a' || a.number || ' ' || a.status"
            + " || COALESCE(' ' || a.failure_kind, '') FROM attempts a JOIN tasks t USING (task_id)"
            + " ORDER BY t.repetition, a.number";

    /**
     * Failure detection for loopback on a busy 2-core machine: a dead worker node is removed ~8 s
     * after its death instead of ~16 s. Shorter pauses make healthy nodes look dead while JVMs start.
     */
    private static final String FAST_DOWNING = "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=4s"
            + " -Dpekko.cluster.split-brain-resolver.stable-after=3s";

    private static final String TRAINER = """
            #!/bin/sh
            attempt=$(printf '%%s' "$1" | sed -n 's/.*"attemptId":"\\([^"]*\\)".*/\\1/p')
            repetition=$(printf '%%s' "$1" | sed -n 's/.*"repetition":\\([0-9]*\\).*/\\1/p')
            number=${attempt##*-a}
            action=$(awk -v r="$repetition" -v n="$number" '$1 == r && ($2 == n || $2 == "*") { $1 = ""; $2 = ""; print; exit }' '%1$s')
            echo "start $attempt $$" >> '%2$s'
            # The end of stdin means the worker node is gone: kill this shell (or what it exec'd) and its children.
            # A background job reads /dev/null unless handed stdin (fd 3), and must hold no output open. It kills
            # only while this shell is still its parent: after a normal exit the pid may belong to another process.
            exec 3<&0
            (cat <&3 >/dev/null
             me=$(exec sh -c 'echo $PPID')
             [ "$(ps -o ppid= -p "$me" | tr -d ' ')" = "$$" ] && kill -KILL $(pgrep -P $$ | grep -vx "$me") $$
            ) >/dev/null 2>&1 &
            set -- $action
            [ "$1" = if-set ] && { if [ -n "$(printenv "$2")" ]; then shift 2; else set -- finish; fi; }
            protocol=1
            [ "$1" = speak-protocol ] && protocol=$2
            echo '{"event":"started","protocolVersion":'"$protocol"',"framework":"dl4j","frameworkVersion":"fake","pid":'$$',"threads":1,"backend":"fake'"${CUDA_VISIBLE_DEVICES:+ on GPU $CUDA_VISIBLE_DEVICES}"'","layerHelpers":[],"parameters":10,"trainSamples":5,"testSamples":3,"startupSeconds":0.1}'
            case "$1" in
              crash) echo "fake native crash in attempt $attempt" >&2; exit 3 ;;
              bad-input) echo '{"event":"failed","kind":"BAD_INPUT","message":"fake corrupt data"}' ;;
              hang|speak-protocol) exec sleep 600 ;;
              fail) echo '{"event":"failed","kind":"'"$2"'","message":"fake failure of kind '"$2"'"}' ;;
              print) shift; echo "$*" ;;
              long-line) head -c 2097152 /dev/zero | tr '\\0' 'x'; echo ;;
              silent) exit 0 ;;
              *) sleep "${2:-0.2}"
                 echo '{"event":"finished","trainSeconds":1.0,"samplesPerSecond":5.0,"testAccuracy":0.9,"testLoss":0.2}' ;;
            esac
            """;

    /** Enough for the fake trainer, which reads none of it; a partition of it is written in milliseconds. */
    private static final int TRAIN_IMAGES = 100;
    private static final int TEST_IMAGES = 20;

    private final Path dir;
    private final Path data;
    private final Path trainer;
    private final Path plan;
    private final Path trainerLog;
    private final List<Process> processes = new ArrayList<>();

    FakeTrainerCluster(Path dir, String... planLines) throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        IdxFixture.writeMnist(data, TRAIN_IMAGES, TEST_IMAGES);
        this.plan = Files.write(dir.resolve("plan.txt"), List.of(planLines));
        this.trainerLog = dir.resolve("trainer.log");
        Files.createFile(trainerLog);
        this.trainer = dir.resolve("fake-trainer.sh");
        Files.writeString(trainer, TRAINER.formatted(plan, trainerLog));
        Files.setPosixFilePermissions(trainer, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A sweep of {@code repetitions} tasks, one per repetition, with the sweep keys given, on this cluster's data. */
    Path sweepFile(String name, int repetitions, String extraSweepKeys) throws IOException {
        return Files.writeString(dir.resolve(name), """
                sweep {
                  name = fleet
                  datasets = [mnist]
                  architectures = [mlp-small]
                  repetitions = %d
                  training { epochs = 1 }
                  %s
                }
                data-dir = "%s"
                metrics { interval = 200ms }
                """.formatted(repetitions, extraSweepKeys, data));
    }

    Process coordinator(String output, String... args) throws IOException {
        return start("coordinator", "JAVA_OPTS_COORDINATOR", output, List.of(args), Map.of());
    }

    /** A worker node with one cpu slot on its own fixed port, so its worker id names it. */
    Process worker(String output, int coordinatorPort, int port, String... extraArgs) throws IOException {
        return worker(output, coordinatorPort, port, Map.of(), extraArgs);
    }

    /** As above, with these variables in the worker node's environment, which its trainers inherit. */
    Process worker(String output, int coordinatorPort, int port, Map<String, String> environment, String... extraArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--join", "127.0.0.1:" + coordinatorPort,
                "--port", Integer.toString(port), "--cores", "1", "--trainer", "dl4j=" + trainer,
                "--partition-dir", dir.resolve("partitions").toString(), "--log-file", dir.resolve(output + ".log").toString()));
        args.addAll(List.of(extraArgs));
        return start("worker-node", "JAVA_OPTS_WORKER", output, args, environment);
    }

    private Process start(String command, String jvmOptionsVariable, String output, List<String> args,
                          Map<String, String> environment) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Benchfleet.HOME.resolve("bin").resolve(command).toString());
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(dir.resolve(output + ".out").toFile());
        builder.environment().putAll(environment);
        builder.environment().put(jvmOptionsVariable, "-Xmx256m -XX:TieredStopAtLevel=1 " + FAST_DOWNING);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Attempt ids in the order their trainers started. */
    List<String> trainerStarts() throws IOException {
        return Files.readAllLines(trainerLog).stream().map(line -> line.split(" ")[1]).toList();
    }

    /** Process ids of the trainers in the order they started, for as long as the log is readable. */
    List<Long> trainerPids() {
        try {
            return Files.readAllLines(trainerLog).stream().map(line -> Long.parseLong(line.split(" ")[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output(String name) throws IOException {
        return Benchfleet.read(dir.resolve(name + ".out"));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The first column of the first row, or empty while results.db or the row is not there. */
    static Optional<String> query(Path runDir, String sql) {
        Path db = runDir.resolve("results.db");
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    static List<List<String>> rows(Path runDir, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDir.resolve("results.db"));
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** Kills every JVM started here and every fake trainer still running, orphaned ones included. */
    @Override
    public void close() throws IOException {
        processes.forEach(Benchfleet::stop);
        for (String line : Files.readAllLines(trainerLog)) {
            ProcessHandle.of(Long.parseLong(line.split(" ")[2])).ifPresent(trainerShell -> {
                trainerShell.descendants().forEach(ProcessHandle::destroyForcibly);
                trainerShell.destroyForcibly();
            });
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
