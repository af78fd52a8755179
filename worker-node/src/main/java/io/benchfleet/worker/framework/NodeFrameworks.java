package io.benchfleet.worker.framework;

import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.worker.attempt.TrainerLauncher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The frameworks a worker node offers, each on the devices of its slots that its trainer runs on, and the launcher
 * that starts each one's trainer. A framework runs on {@code gpu} only where its trainer can use every GPU of the
 * node's gpu slots: the offer is per device, not per GPU.
 */
public final class NodeFrameworks {

    private record Offered(FrameworkOffer offer, TrainerLauncher launcher) {
    }

    private final Map<String, Offered> offered;

    private NodeFrameworks(Map<String, Offered> offered) {
        this.offered = offered;
    }

    /** What {@code trainers} can run on {@code slots}; a framework that runs on none of them is not offered. */
    public static NodeFrameworks on(List<FrameworkTrainer> trainers, List<SlotName> slots, List<GpuDevice> gpus) {
        Map<String, Offered> offered = new LinkedHashMap<>();
        for (FrameworkTrainer trainer : trainers) {
            List<Device> devices = new ArrayList<>();
            if (slots.stream().anyMatch(slot -> slot.device() == Device.CPU)) {
                devices.add(Device.CPU);
            }
            List<GpuDevice> slotGpus = gpus.stream()
                    .filter(gpu -> slots.stream().anyMatch(slot -> slot.gpus().contains(gpu.index()))).toList();
            if (!slotGpus.isEmpty() && slotGpus.stream().allMatch(gpu -> trainer.gpuRefusal().apply(gpu).isEmpty())) {
                devices.add(Device.GPU);
            }
            if (!devices.isEmpty()) {
                offered.put(trainer.name(), new Offered(new FrameworkOffer(trainer.name(), trainer.version(), devices),
                        trainer.launcher()));
            }
        }
        return new NodeFrameworks(offered);
    }

    /** Why no framework here trains on {@code gpu}: each trainer's reason; empty when one of them does. */
    public static Optional<String> gpuRefusal(List<FrameworkTrainer> trainers, GpuDevice gpu) {
        List<String> reasons = new ArrayList<>();
        for (FrameworkTrainer trainer : trainers) {
            Optional<String> reason = trainer.gpuRefusal().apply(gpu);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(reason.get());
        }
        return Optional.of(reasons.isEmpty() ? "gpu:" + gpu.index() + " " + gpu.name() + ": no framework to train with"
                : String.join("; ", reasons));
    }

    public List<FrameworkOffer> offers() {
        return offered.values().stream().map(Offered::offer).toList();
    }

    /** The launcher of the framework's trainer on {@code device}; empty when this node does not run it there. */
    public Optional<TrainerLauncher> launcher(String framework, Device device) {
        return Optional.ofNullable(offered.get(framework))
                .filter(entry -> entry.offer().runsOn(device))
                .map(Offered::launcher);
    }

    /** Why a task of {@code framework} on {@code device} cannot run here, for the failed attempt. */
    public String refusal(String framework, Device device) {
        Offered entry = offered.get(framework);
        if (entry == null) {
            return "this worker node does not run framework " + framework + " (it runs "
                    + (offered.isEmpty() ? "none" : String.join(", ", offered.keySet())) + ")";
        }
        return "this worker node does not run framework " + framework + " on " + device.label() + " (only on "
                + entry.offer().devices().stream().map(Device::label).collect(Collectors.joining(", ")) + ")";
    }

    /** One line per framework for the node's start, e.g. {@code dl4j 1.0.0-M2.1 on cpu, gpu}. */
    public List<String> describe() {
        return offers().stream().map(offer -> offer.name() + " " + offer.version() + " on "
                + offer.devices().stream().map(Device::label).collect(Collectors.joining(", "))).toList();
    }
}
