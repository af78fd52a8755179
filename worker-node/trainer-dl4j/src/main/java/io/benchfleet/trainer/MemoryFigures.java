package io.benchfleet.trainer;

import oshi.SystemInfo;

import java.util.Locale;

/**
 * The trainer's memory and its limits, as an out-of-memory failure reports them. Resident memory rather than
 * JavaCPP's off-heap count: ND4J allocates its arrays' native memory past that count.
 */
record MemoryFigures(long maxHeapBytes, long usedHeapBytes, long residentBytes, long machineBytes) {

    private static final long MIB = 1 << 20;
    private static final long GIB = 1 << 30;

    static MemoryFigures now() {
        Runtime runtime = Runtime.getRuntime();
        SystemInfo system = new SystemInfo();
        return new MemoryFigures(runtime.maxMemory(), runtime.totalMemory() - runtime.freeMemory(),
                system.getOperatingSystem().getCurrentProcess().getResidentMemory(),
                system.getHardware().getMemory().getTotal());
    }

    /** E.g. {@code max heap 3.00 GiB (2.91 GiB in use), resident 5.20 GiB of the machine's 7.70 GiB}. */
    String describe() {
        return "max heap " + size(maxHeapBytes) + " (" + size(usedHeapBytes) + " in use), resident "
                + size(residentBytes) + " of the machine's " + size(machineBytes);
    }

    private static String size(long bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.2f GiB", (double) bytes / GIB) : bytes / MIB + " MiB";
    }
}
