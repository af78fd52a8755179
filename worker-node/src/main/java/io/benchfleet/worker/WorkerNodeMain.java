package io.benchfleet.worker;

import io.benchfleet.metrics.host.HostDescription;
import io.benchfleet.metrics.MetricsProbes;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.ClusterTls;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.worker.attempt.JvmTrainerLauncher;
import io.benchfleet.worker.attempt.TrainerClassArchive;
import io.benchfleet.worker.framework.FrameworkTrainer;
import io.benchfleet.worker.framework.FrameworkTrainers;
import io.benchfleet.worker.framework.NodeFrameworks;
import io.benchfleet.worker.framework.PyTorchProbe;
import io.benchfleet.worker.framework.TrainerOption;
import io.benchfleet.worker.gpu.NvidiaSmiDiscovery;
import io.benchfleet.worker.slot.Slot;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code bin/worker-node --join HOST:PORT}: joins a coordinator's cluster and runs its tasks until it leaves. */
@Command(name = "worker-node", mixinStandardHelpOptions = true, versionProvider = WorkerNodeVersion.class,
        description = "Joins a benchfleet coordinator and trains the tasks it hands out.")
public final class WorkerNodeMain implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    /** Killing a trainer and telling the coordinator takes well under a second; a finishing attempt may take hours. */
    private static final String HAND_BACK_WAIT = "10s";
    private static final String FINISH_WAIT = "7d";
    /** Where Debian installs the Python its python3-torch is for. */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    /** The installation's root, set by bin/worker-node: the PyTorch trainer lives under it. */
    private static final String HOME_PROPERTY = "benchfleet.home";
    /** 32 bits of the member's uid: two nodes of one host and port share an id once in 4 billion. */
    private static final long WORKER_UID_MASK = 0xffff_ffffL;

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
            description = "The coordinator's cluster address (bin/coordinator run ... --port PORT).")
    private String join;

    @Option(names = "--slots", split = ",",
            description = "Slots this node offers (default: cpu, one task at a time on this host, and gpu:N for each GPU"
                    + " nvidia-smi finds that a framework here trains on: DL4J where the CUDA trainer is installed,"
                    + " PyTorch where its torch sees CUDA); cpu:0,cpu:1,... or cpu*N for N cpu slots that run tasks"
                    + " side by side; gpu:N for GPU N; gpu for every GPU.")
    private List<String> slots;

    @Option(names = "--trainer", paramLabel = "NAME=EXECUTABLE",
            description = "Offer framework NAME, trained by EXECUTABLE (repeatable): it gets the attempt as JSON as its"
                    + " one argument and prints trainer event lines (docs/trainer-protocol.md); it is"
                    + " offered on every slot as version " + FrameworkTrainer.USER_SUPPLIED + ". dl4j=... or"
                    + " pytorch=... replaces the built-in trainer.")
    private List<String> trainers = List.of();

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python that runs the PyTorch trainer (default: /usr/bin/python3 where it exists, which"
                    + " Debian's python3-torch is installed for, else python3 from PATH).")
    private Path python;

    @Option(names = "--partition-dir", paramLabel = "DIR",
            description = "Where this node keeps the data partitions its trainers read, in a folder of its own that is"
                    + " deleted when it stops (default: the system's temporary folder).")
    private Path partitionDir;

    @Option(names = "--cuda-lib", paramLabel = "DIR", defaultValue = "${sys:benchfleet.cuda.lib}",
            description = "The CUDA trainer's jars, added to gpu trainers' classpath (default: worker-node/target/lib-cuda"
                    + " of this checkout, built by bin/setup build-cuda).")
    private Path cudaLib;

    // bin/worker-node points it at what the build made (TrainerClassArchive); without one, trainers start slower.
    @Option(names = "--trainer-class-archive", hidden = true, defaultValue = "${sys:benchfleet.trainer.class-archive}")
    private Path trainerClassArchive;

    // For the multi-JVM tests: a fake nvidia-smi that reports GPUs on a machine without any.
    @Option(names = "--nvidia-smi", hidden = true, defaultValue = "nvidia-smi")
    private Path nvidiaSmi;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Cluster traffic under TLS with mutual authentication: DIR holds this node's " + ClusterTls.KEY_STORE
                    + " and the CA's " + ClusterTls.TRUST_STORE + " (deploy/gen-certs); password from $"
                    + ClusterTls.PASSWORD_VARIABLE + " or DIR/" + ClusterTls.PASSWORD_FILE + ".")
    private Path tlsDirectory;

    @Option(names = "--port", defaultValue = "0", description = "Cluster port of this node (default: any free one).")
    private int port;

    @Option(names = "--host", description = "Address the coordinator reaches this node at (default: the one routing to it).")
    private String host;

    @Option(names = "--cores", description = "Cores a cpu slot's trainer uses (default: all of this machine's); networks"
            + " under 1 M multiply-accumulates per sample train on one, which is faster for them.")
    private Integer cores;

    @Option(names = "--trainer-heap", defaultValue = JvmTrainerLauncher.DEFAULT_HEAP, description = "Maximum heap of each trainer JVM (default: ${DEFAULT-VALUE}).")
    private String trainerHeap;

    @Option(names = "--join-timeout", defaultValue = "20", description = "Seconds to wait for the coordinator (default: ${DEFAULT-VALUE}).")
    private int joinTimeoutSeconds;

    @Option(names = "--on-stop", defaultValue = "hand-back", paramLabel = "hand-back|finish",
            description = "What a stopped node (SIGTERM, Ctrl-C) does with its running attempt: hand-back kills the trainer"
                    + " and the task runs again elsewhere; finish waits for it to end, however long (default: ${DEFAULT-VALUE}).")
    private String onStop;

    @Option(names = "--log-file", defaultValue = "logs/worker-node.log", description = "Where this node logs (default: ${DEFAULT-VALUE}).")
    private Path logFile;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new WorkerNodeMain())
                .setParameterExceptionHandler((e, a) -> badInput(e.getMessage()));
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() {
        JoinAddress joinAddress;
        String advertised;
        Slot.OnStop stopMode;
        Optional<ClusterTls> tls;
        // Before anything logs: logback reads this property once, when it starts.
        System.setProperty("benchfleet.log.file", logFile.toAbsolutePath().toString());
        List<GpuDevice> gpus;
        List<SlotName> offered;
        NodeFrameworks frameworks;
        Path partitionRoot;
        try {
            // The options that need no GPU first: a typo should not wait for nvidia-smi.
            joinAddress = JoinAddress.parse(join);
            stopMode = stopMode();
            tls = Optional.ofNullable(tlsDirectory).map(dir -> ClusterTls.fromDirectory(dir, System.getenv()));
            List<TrainerOption> userTrainers = TrainerOption.parseAll(trainers);
            checkPython();
            partitionRoot = partitionRoot();
            // Importing torch takes seconds: the probe runs while nvidia-smi does, unless --trainer replaces PyTorch's
            // trainer (FrameworkTrainers then never asks for the result).
            CompletableFuture<PyTorchProbe.Result> pytorchProbe = userTrainers.stream()
                    .anyMatch(user -> user.name().equals(Framework.PYTORCH))
                    ? CompletableFuture.completedFuture(new PyTorchProbe.Result.Unavailable("replaced by --trainer"))
                    : CompletableFuture.supplyAsync(() -> PyTorchProbe.run(pythonPath(), trainScript(), PyTorchProbe.TIMEOUT));
            gpus = new NvidiaSmiDiscovery(nvidiaSmi, NvidiaSmiDiscovery.FIRST_ANSWER).discover();
            List<FrameworkTrainer> available = FrameworkTrainers.of(userTrainers,
                    FrameworkTrainers.dl4j(trainerHeap, cudaTrainer(), cudaLib, classArchive()), () -> pytorch(pytorchProbe.join()));
            var slotList = new SlotList(gpus, gpu -> NodeFrameworks.gpuRefusal(available, gpu));
            if (slots == null) {
                offered = slotList.defaults();
                slotList.leftOut().forEach(reason -> System.out.println("worker node offers no slot for " + reason));
            } else {
                offered = slotList.parse(slots);
            }
            frameworks = NodeFrameworks.on(available, offered, gpus);
            frameworks.describe().forEach(line -> System.out.println("worker node offers " + line));
            advertised = host != null ? host : joinAddress.localAddressTowards();
        } catch (IllegalArgumentException e) {
            return badInput(e.getMessage());
        }
        return run(joinAddress, advertised, stopMode, tls, gpus, offered, frameworks, partitionRoot);
    }

    /** The built-in PyTorch trainer where the probe found torch; where not, one line to say why. */
    private Optional<FrameworkTrainer> pytorch(PyTorchProbe.Result probed) {
        if (probed instanceof PyTorchProbe.Result.Found found) {
            return Optional.of(FrameworkTrainers.pytorch(found, pythonPath(), trainScript()));
        }
        String line = "worker node offers no pytorch: " + ((PyTorchProbe.Result.Unavailable) probed).reason();
        System.out.println(line);
        LoggerFactory.getLogger(WorkerNodeMain.class).info(line);
        return Optional.empty();
    }

    /** Debian's python3-torch is installed for /usr/bin/python3; a python3 first on PATH (pyenv) may lack torch. */
    Path pythonPath() {
        if (python != null) {
            return python;
        }
        return Files.isExecutable(DEBIAN_PYTHON) ? DEBIAN_PYTHON : Path.of("python3");
    }

    /** The PyTorch trainer of this installation, as bin/worker-node tells where that is. */
    static Path trainScript() {
        return Path.of(System.getProperty(HOME_PROPERTY, "."), "worker-node", "trainer-pytorch", "train.py")
                .toAbsolutePath().normalize();
    }

    /** A path given is checked here; a bare name is looked up on PATH when the probe runs it. */
    private void checkPython() {
        if (python != null && python.getNameCount() > 1 && !Files.isExecutable(python)) {
            throw new IllegalArgumentException("--python " + python + ": not an executable file");
        }
    }

    private Path partitionRoot() {
        if (partitionDir == null) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            Files.createDirectories(partitionDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--partition-dir " + partitionDir + ": cannot create it (" + e + ")");
        }
        if (!Files.isWritable(partitionDir)) {
            throw new IllegalArgumentException("--partition-dir " + partitionDir + ": this user cannot write in it");
        }
        return partitionDir.toAbsolutePath();
    }

    /** The cpu trainer's class archive where the build made one; where none, a line says trainers start slower. */
    private Optional<TrainerClassArchive> classArchive() {
        if (trainerClassArchive == null) {
            return Optional.empty();
        }
        try {
            Optional<TrainerClassArchive> archive = TrainerClassArchive.in(trainerClassArchive);
            if (archive.isEmpty()) {
                LoggerFactory.getLogger(WorkerNodeMain.class).warn("no trainer class archive in {} (the build makes it): DL4J trainers start about 0.5 s slower",
                        trainerClassArchive);
            }
            return archive;
        } catch (IOException e) {
            LoggerFactory.getLogger(WorkerNodeMain.class).warn("cannot read the trainer class archive in {} ({}): DL4J trainers start about 0.5 s slower",
                    trainerClassArchive, e.toString());
            return Optional.empty();
        }
    }

    /** The CUDA trainer's folder, where it holds nd4j-cuda; empty on a node built for the CPU only. */
    private Optional<Path> cudaTrainer() {
        if (cudaLib == null || !Files.isDirectory(cudaLib)) {
            return Optional.empty();
        }
        try (var jars = Files.list(cudaLib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().startsWith("nd4j-cuda"))
                    ? Optional.of(cudaLib.toAbsolutePath()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("--cuda-lib " + cudaLib + ": cannot list it (" + e.getMessage()
                    + "); expected the folder bin/setup build-cuda fills");
        }
    }

    private Slot.OnStop stopMode() {
        return switch (onStop) {
            case "hand-back" -> Slot.OnStop.HAND_BACK;
            case "finish" -> Slot.OnStop.FINISH;
            default -> throw new IllegalArgumentException("--on-stop = '" + onStop + "': expected hand-back or finish");
        };
    }

    private int run(JoinAddress joinAddress, String advertised, Slot.OnStop stopMode, Optional<ClusterTls> tls,
                    List<GpuDevice> gpus, List<SlotName> offered, NodeFrameworks frameworks, Path partitionRoot) {
        HostInfo hostInfo = HostDescription.ofThisMachine().withGpus(gpus);
        int threads = cores != null ? cores : hostInfo.logicalCores();
        ExecutorService processThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "trainer-io");
            thread.setDaemon(true);
            return thread;
        });
        var config = ClusterConfig.of(advertised, port, "worker", Map.of(
                "pekko.cluster.seed-nodes", List.of(joinAddress.seedNode()),
                // Without it an unreachable --join would retry forever in silence.
                "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes", joinTimeoutSeconds + "s",
                WorkerNode.STOP_PHASE_TIMEOUT, stopMode == Slot.OnStop.FINISH ? FINISH_WAIT : HAND_BACK_WAIT), tls);
        Behavior<io.benchfleet.worker.WorkerNode.Command> guardian = Behaviors.setup(context -> {
            String workerId = workerId(hostInfo.hostname(), Cluster.get(context.getSystem()).selfMember().uniqueAddress());
            var settings = new WorkerNode.Settings(workerId, hostInfo, offered, threads, stopMode, partitionRoot);
            return WorkerNode.create(settings, frameworks, MetricsProbes.ofThisHost(offered, nvidiaSmi.toString()),
                    processThreads);
        });
        ActorSystem<WorkerNode.Command> system = ActorSystem.create(guardian, ClusterConfig.SYSTEM_NAME, config);
        CompletableFuture<Boolean> joined = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> {
            joined.complete(true);
            System.out.println("worker node joined " + joinAddress + " with slots " + offered + " (" + threads
                    + " cores per cpu slot); log: " + logFile);
        });
        system.getWhenTerminated().toCompletableFuture().join();
        if (!joined.isDone()) {
            Optional<String> refused = tls.flatMap(material -> CoordinatorHandshake.refusal(material, joinAddress));
            if (refused.isPresent()) {
                return badInput(refused.get());
            }
            System.err.println("worker-node: cannot join the coordinator at " + joinAddress + ": no answer within "
                    + joinTimeoutSeconds + "s; expected a running `bin/coordinator run SWEEP --port " + joinAddress.port()
                    + "` reachable from here");
            return BAD_INPUT;
        }
        System.out.println("worker node left the cluster");
        return 0;
    }

    /**
     * E.g. {@code alpha#5f3c9a1e:25520}: the hostname first, for logs and reports, and the cluster member's uid,
     * which no other node instance has: containers may share a hostname and a port, and a node restarted on
     * the same port is another node (its attempts were given up with the one before).
     */
    static String workerId(String hostname, UniqueAddress self) {
        return hostname + "#" + String.format(Locale.ROOT, "%08x", self.longUid() & WORKER_UID_MASK) + ":"
                + self.address().getPort().orElse(0);
    }

    private static int badInput(String message) {
        System.err.println("worker-node: " + message + " (see --help)");
        return BAD_INPUT;
    }
}
