package io.benchfleet.metrics.probe;

import oshi.hardware.CentralProcessor.TickType;

/** Busy shares from {@code /proc/stat}-style tick counters, as OSHI computes them, for ticks read once. */
final class CpuTicks {

    private CpuTicks() {
    }

    /** The host's ticks: the sum over its cores. */
    static long[] total(long[][] coreTicks) {
        long[] total = new long[TickType.values().length];
        for (long[] core : coreTicks) {
            for (int type = 0; type < total.length; type++) {
                total[type] += core[type];
            }
        }
        return total;
    }

    /** The share of the ticks between {@code before} and {@code after} that were not idle or waiting for I/O, 0-1. */
    static double busyShare(long[] before, long[] after) {
        long all = 0;
        for (int type = 0; type < after.length; type++) {
            all += after[type] - before[type];
        }
        long idle = after[TickType.IDLE.getIndex()] - before[TickType.IDLE.getIndex()]
                + after[TickType.IOWAIT.getIndex()] - before[TickType.IOWAIT.getIndex()];
        return all > 0 ? Math.max(0.0, (double) (all - idle) / all) : 0.0;
    }
}
