package io.benchfleet.worker;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.metrics.probe.ResourceProbe;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.worker.attempt.TrainerLauncher;
import io.benchfleet.worker.slot.Slot;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A worker node: finds the coordinator through the Receptionist, registers with it, and runs one
 * {@link Slot} per slot it offers, all sharing one metrics agent. When the coordinator leaves the
 * cluster, the node stops: its sweep is over.
 */
public final class WorkerNode extends AbstractBehavior<WorkerNode.Command> {

    public sealed interface Command {
    }

    private record CoordinatorsListed(Receptionist.Listing listing) implements Command {
    }

    /**
     * @param slots      slot names, e.g. {@code cpu}
     * @param cpuThreads the cores a cpu slot's trainer may use
     */
    public record Settings(String workerId, HostInfo host, List<String> slots, int cpuThreads) {
        public Settings {
            slots = List.copyOf(slots);
        }
    }

    private final Settings settings;
    private final TrainerLauncher launcher;
    private final Executor processThreads;
    private final ActorRef<MetricsAgent.Command> metricsAgent;
    private Optional<ActorRef<CoordinatorCommand>> coordinator = Optional.empty();

    public static Behavior<Command> create(Settings settings, TrainerLauncher launcher, ResourceProbe probe,
                                           Executor processThreads) {
        return Behaviors.setup(context -> new WorkerNode(context, settings, launcher, probe, processThreads));
    }

    private WorkerNode(ActorContext<Command> context, Settings settings, TrainerLauncher launcher, ResourceProbe probe,
                       Executor processThreads) {
        super(context);
        this.settings = settings;
        this.launcher = launcher;
        this.processThreads = processThreads;
        this.metricsAgent = context.spawn(MetricsAgent.create(probe), "metrics-agent",
                DispatcherSelector.fromConfig("benchfleet.blocking-io-dispatcher"));
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, CoordinatorsListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, listings));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(CoordinatorsListed.class, this::onCoordinatorsListed).build();
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
        getContext().getLog().info("worker node {} found the coordinator at {}; slots {}", settings.workerId(),
                found.path().address(), settings.slots());
        found.tell(new CoordinatorCommand.RegisterWorker(settings.workerId(), settings.host(), settings.slots()));
        for (String slot : settings.slots()) {
            var slotSettings = new Slot.Settings(settings.workerId(), slot, settings.cpuThreads());
            getContext().spawn(Slot.create(slotSettings, found, metricsAgent, launcher, processThreads), "slot-" + slot);
        }
    }
}
