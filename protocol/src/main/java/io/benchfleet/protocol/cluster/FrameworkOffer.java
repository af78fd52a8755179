package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;

import java.util.List;

import static io.benchfleet.protocol.cluster.Components.listOf;
import static io.benchfleet.protocol.cluster.Components.required;

/**
 * A framework a worker node can train with, found when the node started: its version and the devices its
 * trainer runs on there (PyTorch on {@code gpu} only where the node's torch sees CUDA).
 */
public record FrameworkOffer(String name, String version, List<Device> devices) {
    public FrameworkOffer {
        required(name, "a framework offer's name");
        if (!Framework.isValidName(name)) {
            throw new IllegalArgumentException("a framework offer's name '" + name + "' is not " + Framework.nameRule());
        }
        required(version, "a framework offer's version");
        devices = listOf(devices, Device.class, "a framework offer's devices");
    }

    public boolean runsOn(Device device) {
        return devices.contains(device);
    }
}
