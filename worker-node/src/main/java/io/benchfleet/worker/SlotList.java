package io.benchfleet.worker;

import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The slots a worker node offers. By default one {@code cpu} slot (one CPU task at a time on this host,
 * docs/architecture.md, decision 4) and one {@code gpu:N} slot per GPU found that a framework of this node trains on; a gpu
 * attempt beside the cpu one shares the host's cores for its data feeding.
 * {@code --slots} names them instead: {@code cpu}, numbered cpu slots {@code cpu:0,cpu:1}, {@code cpu*N}
 * for {@code cpu:0..cpu:N-1}, {@code gpu:N} for GPU N, {@code gpu} for every GPU found. Several cpu
 * slots run several tasks on the host at once, which is opt-in: their timings share the machine.
 */
final class SlotList {

    private static final Pattern CPU_REPEATED = Pattern.compile("cpu\\*(\\d{1,4})");

    private final List<GpuDevice> gpus;
    private final Function<GpuDevice, Optional<String>> whyUnusable;

    /**
     * @param gpus        the GPUs found on this machine
     * @param whyUnusable why no framework of this node trains on a GPU (no CUDA trainer, no kernels for it, a
     *                    torch without CUDA); empty when one does
     */
    SlotList(List<GpuDevice> gpus, Function<GpuDevice, Optional<String>> whyUnusable) {
        this.gpus = List.copyOf(gpus);
        this.whyUnusable = whyUnusable;
    }

    /** Without {@code --slots}: the cpu slot, and a slot per GPU a framework here trains on. */
    List<SlotName> defaults() {
        List<SlotName> slots = new ArrayList<>(List.of(SlotName.cpu()));
        usable().forEach(gpu -> slots.add(SlotName.gpu(gpu.index())));
        return slots;
    }

    /** Why the GPUs left out of {@link #defaults()} are left out, one line each. */
    List<String> leftOut() {
        return gpus.stream().flatMap(gpu -> whyUnusable.apply(gpu).stream()).toList();
    }

    private List<GpuDevice> usable() {
        return gpus.stream().filter(gpu -> whyUnusable.apply(gpu).isEmpty()).toList();
    }

    /** The slots {@code --slots} names, each once, in the order given; refuses anything else with one line. */
    List<SlotName> parse(List<String> given) {
        Set<SlotName> slots = new LinkedHashSet<>();
        for (String entry : given) {
            for (SlotName slot : expand(entry)) {
                if (!slots.add(slot)) {
                    throw new IllegalArgumentException("--slots: '" + slot + "' is given twice");
                }
            }
        }
        return List.copyOf(slots);
    }

    private List<SlotName> expand(String entry) {
        Optional<SlotName> named = SlotName.parse(entry);
        if (named.isPresent()) {
            return named.get().device() == Device.GPU ? gpuSlot(entry, named.get().index().orElseThrow())
                    : List.of(named.get());
        }
        if (entry.equals("gpu")) {
            if (usable().isEmpty()) {
                throw new IllegalArgumentException("--slots: 'gpu': no GPU this node can train on; " + (gpus.isEmpty()
                        ? "nvidia-smi found none" : String.join("; ", leftOut())));
            }
            return usable().stream().map(gpu -> SlotName.gpu(gpu.index())).toList();
        }
        Matcher repeated = CPU_REPEATED.matcher(entry);
        int count = repeated.matches() ? Integer.parseInt(repeated.group(1)) : 0;
        if (count < 1) {
            throw new IllegalArgumentException("--slots: '" + entry + "' is not a slot; expected cpu, cpu:N, cpu*N"
                    + " (N cpu slots, N >= 1), gpu:N (GPU N) or gpu (every GPU)");
        }
        List<SlotName> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(SlotName.cpu(i));
        }
        return slots;
    }

    private List<SlotName> gpuSlot(String entry, int index) {
        GpuDevice gpu = gpus.stream().filter(found -> found.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--slots: '" + entry + "' names a GPU this machine does not"
                        + " have; nvidia-smi found " + (gpus.isEmpty() ? "none" : gpus.stream()
                        .map(found -> SlotName.gpu(found.index()) + " " + found.name()).collect(Collectors.joining(", ")))));
        whyUnusable.apply(gpu).ifPresent(reason -> {
            throw new IllegalArgumentException("--slots: '" + entry + "' cannot be used: " + reason);
        });
        return List.of(SlotName.gpu(index));
    }
}
