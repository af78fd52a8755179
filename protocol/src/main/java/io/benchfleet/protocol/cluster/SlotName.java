package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.sweep.Device;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slot's name: the device its attempts run on and, where a worker node has several of that device,
 * which one. {@code cpu}, {@code cpu:1} (one of several cpu slots of a host) and {@code gpu:0} (GPU 0).
 * A gpu slot always names its GPU: its trainer is pinned to it.
 */
public record SlotName(Device device, Optional<Integer> index) {

    private static final Pattern NAME = Pattern.compile("(cpu|gpu)(?::(\\d{1,4}))?");

    public SlotName {
        Objects.requireNonNull(device, "a slot's device");
        Components.optionalOf(index, Integer.class, "a slot's index");
        if (index.isPresent() && index.get() < 0) {
            throw new IllegalArgumentException("slot index must be 0 or more, got " + index.get());
        }
        if (device == Device.GPU && index.isEmpty()) {
            throw new IllegalArgumentException("a gpu slot names its GPU: expected gpu:N");
        }
    }

    public static SlotName cpu() {
        return new SlotName(Device.CPU, Optional.empty());
    }

    /** One of several cpu slots of a host. */
    public static SlotName cpu(int index) {
        return new SlotName(Device.CPU, Optional.of(index));
    }

    public static SlotName gpu(int index) {
        return new SlotName(Device.GPU, Optional.of(index));
    }

    /** The slot a name such as {@code cpu}, {@code cpu:1} or {@code gpu:0} stands for; empty for anything else. */
    public static Optional<SlotName> parse(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Device device = Device.fromLabel(matcher.group(1)).orElseThrow();
        Optional<Integer> index = Optional.ofNullable(matcher.group(2)).map(Integer::parseInt);
        return device == Device.GPU && index.isEmpty() ? Optional.empty() : Optional.of(new SlotName(device, index));
    }

    /** The GPUs an attempt in this slot uses: its own on a gpu slot, none on a cpu slot. */
    public List<Integer> gpus() {
        return device == Device.GPU ? List.of(index.orElseThrow()) : List.of();
    }

    @Override
    public String toString() {
        return device.label() + index.map(i -> ":" + i).orElse("");
    }
}
