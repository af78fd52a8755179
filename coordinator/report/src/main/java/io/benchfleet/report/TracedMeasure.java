package io.benchfleet.report;

/**
 * The measures report.json traces per group, named like samples.csv's columns. On a host with several GPUs an
 * instant's GPU utilisation is the mean over the attempt's GPUs, memory and power their sum.
 */
enum TracedMeasure {
    PROCESS_CPU_PERCENT("process_cpu_percent"),
    PROCESS_RSS_BYTES("process_rss_bytes"),
    HOST_CPU_PERCENT("host_cpu_percent"),
    GPU_UTIL_PERCENT("gpu_util_percent"),
    GPU_MEM_USED_BYTES("gpu_mem_used_bytes"),
    GPU_POWER_WATTS("gpu_power_watts");

    private final String column;

    TracedMeasure(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
