package io.benchfleet.worker;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.metrics.MetricsProbes;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.worker.framework.NodeFrameworks;
import io.benchfleet.worker.partition.NodePartitionFolder;
import io.benchfleet.worker.partition.PartitionCache;
import io.benchfleet.worker.slot.AttemptLaunch;
import io.benchfleet.worker.slot.Slot;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A worker node: finds the coordinator through the Receptionist, registers with it (its slots and the frameworks
 * it trains with), and runs one {@link Slot} per slot it offers, all sharing one metrics agent and one cache of data
 * partitions. When the coordinator leaves the cluster, the node stops: its sweep is over. When the node is stopped
 * (SIGTERM, Ctrl-C), Pekko's coordinated shutdown first lets every slot hand back or finish its attempt, then leaves
 * the cluster; the node's partition folder is deleted last, however the node stops (after a SIGKILL, by the next
 * node to start: {@link NodePartitionFolder}).
 */
public final class WorkerNode extends AbstractBehavior<WorkerNode.Command> {

    /** The coordinated shutdown phase the slots stop in; its timeout bounds how long a stop waits for them. */
    public static final String STOP_PHASE_TIMEOUT = "pekko.coordinated-shutdown.phases.before-service-unbind.timeout";

    public sealed interface Command {
    }

    private record CoordinatorsListed(Receptionist.Listing listing) implements Command {
    }

    /**
     * @param slots         the slots it offers
     * @param cpuThreads    the cores a cpu slot's trainer may use
     * @param onStop        what the slots do with their running attempts when the node is stopped
     * @param partitionRoot where the node makes its own folder of data partitions
     */
    public record Settings(String workerId, HostInfo host, List<SlotName> slots, int cpuThreads, Slot.OnStop onStop,
                           Path partitionRoot) {
        public Settings {
            slots = List.copyOf(slots);
        }
    }

    private final Settings settings;
    private final NodeFrameworks frameworks;
    private final AttemptLaunch launch;
    private final Executor processThreads;
    private final ActorRef<MetricsAgent.Command> metricsAgent;
    private Optional<ActorRef<CoordinatorCommand>> coordinator = Optional.empty();
    private Optional<Cancellable> stopTask = Optional.empty();

    /** @param processThreads where partitions are prepared and trainers forked and followed, off the actors */
    public static Behavior<Command> create(Settings settings, NodeFrameworks frameworks, MetricsProbes probes,
                                           Executor processThreads) {
        return Behaviors.setup(context -> new WorkerNode(context, settings, frameworks, probes, processThreads));
    }

    private WorkerNode(ActorContext<Command> context, Settings settings, NodeFrameworks frameworks,
                       MetricsProbes probes, Executor processThreads) {
        super(context);
        this.settings = settings;
        this.frameworks = frameworks;
        this.processThreads = processThreads;
        PartitionCache partitions = new PartitionCache(
                NodePartitionFolder.of(settings.partitionRoot(), settings.workerId()), PartitionCache.FROM_DATASETS);
        processThreads.execute(() -> NodePartitionFolder.deleteLeftovers(settings.partitionRoot()));
        this.launch = new AttemptLaunch(frameworks, partitions, processThreads);
        CoordinatedShutdown.get(context.getSystem()).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                "delete-data-partitions", () -> CompletableFuture.supplyAsync(() -> {
                    partitions.deleteAll();
                    return Done.getInstance();
                }, processThreads));
        this.metricsAgent = context.spawn(MetricsAgent.create(probes), "metrics-agent",
                DispatcherSelector.fromConfig("benchfleet.blocking-io-dispatcher"));
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, CoordinatorsListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, listings));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CoordinatorsListed.class, this::onCoordinatorsListed)
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    private Behavior<Command> onCoordinatorsListed(CoordinatorsListed listed) {
        var found = listed.listing().getServiceInstances(ServiceKeys.COORDINATOR);
        if (coordinator.isEmpty() && !found.isEmpty()) {
            startSlots(found.iterator().next());
            return this;
        }
        if (coordinator.isPresent() && !found.contains(coordinator.get())) {
            getContext().getLog().info("the coordinator left the cluster; worker node {} stops", settings.workerId());
            return Behaviors.stopped();
        }
        return this;
    }

    private void startSlots(ActorRef<CoordinatorCommand> found) {
        coordinator = Optional.of(found);
        getContext().getLog().info("worker node {} found the coordinator at {}; slots {}; frameworks {}",
                settings.workerId(), found.path().address(), settings.slots(), frameworks.describe());
        found.tell(new CoordinatorCommand.RegisterWorker(settings.workerId(), settings.host(), settings.slots(),
                frameworks.offers()));
        List<ActorRef<Slot.Command>> slots = new ArrayList<>();
        for (SlotName slot : settings.slots()) {
            var slotSettings = new Slot.Settings(settings.workerId(), slot, settings.cpuThreads());
            slots.add(getContext().spawn(Slot.create(slotSettings, found, metricsAgent, launch, processThreads),
                    "slot-" + slot));
        }
        stopTask = Optional.of(CoordinatedShutdown.get(getContext().getSystem()).addCancellableTask(
                CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-slots", () -> stopSlots(slots)));
    }

    /** Runs before the node leaves the cluster, so a handed-back attempt or a last result still reaches the coordinator. */
    private CompletionStage<Done> stopSlots(List<ActorRef<Slot.Command>> slots) {
        var system = getContext().getSystem();
        Duration wait = system.settings().config().getDuration(STOP_PHASE_TIMEOUT);
        CompletableFuture<?>[] stopped = slots.stream()
                .map(slot -> AskPattern.<Slot.Command, Done>ask(slot, replyTo -> new Slot.Stop(settings.onStop(), replyTo),
                        wait, system.scheduler()).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(stopped).thenApply(all -> Done.getInstance());
    }

    /** Stopped because the coordinator left: the slots are gone already, and there is nothing to hand back. */
    private Behavior<Command> onPostStop() {
        stopTask.ifPresent(Cancellable::cancel);
        return this;
    }
}
