package io.benchfleet.protocol.cluster;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** How worker nodes and the coordinator find each other through the Receptionist. */
public final class ServiceKeys {

    public static final ServiceKey<CoordinatorCommand> COORDINATOR =
            ServiceKey.create(CoordinatorCommand.class, "benchfleet-coordinator");

    public static final ServiceKey<WorkerNodeMessage> WORKER_NODE =
            ServiceKey.create(WorkerNodeMessage.class, "benchfleet-worker-node");

    private ServiceKeys() {
    }
}
