package io.benchfleet.protocol.cluster;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which GPUs an attempt uses, by the name of its slot: {@code gpu:N} uses GPU N, {@code cpu} none. */
public final class SlotGpus {

    private static final Pattern GPU_SLOT = Pattern.compile("gpu:(\\d+)");

    private SlotGpus() {
    }

    public static List<Integer> of(String slot) {
        Matcher gpu = GPU_SLOT.matcher(slot);
        return gpu.matches() ? List.of(Integer.parseInt(gpu.group(1))) : List.of();
    }
}
