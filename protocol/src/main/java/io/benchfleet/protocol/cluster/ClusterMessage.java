package io.benchfleet.protocol.cluster;

/**
 * Every message that crosses the cluster implements this; Pekko binds it to the Kryo serializer,
 * and Java serialization stays off.
 */
public interface ClusterMessage {
}
