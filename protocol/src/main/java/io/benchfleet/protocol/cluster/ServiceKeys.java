package io.benchfleet.protocol.cluster;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** How worker nodes and the coordinator find each other through the Receptionist. */
public final class ServiceKeys {

    public static final ServiceKey<CoordinatorCommand> COORDINATOR =
            ServiceKey.create(CoordinatorCommand.class, "benchfleet-coordinator");

    /** Registered once per slot of every worker node; the coordinator counts worker nodes by their addresses. */
    public static final ServiceKey<WorkerNodeMessage> SLOT =
            ServiceKey.create(WorkerNodeMessage.class, "benchfleet-slot");

    private ServiceKeys() {
    }
}
