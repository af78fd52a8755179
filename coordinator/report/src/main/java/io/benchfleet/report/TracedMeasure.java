package io.benchfleet.report;

/**
 * The measures report.json traces per group, named like samples.csv's columns. On a host with several GPUs an
 * instant's GPU utilisation is the mean over the attempt's GPUs, memory and power their sum. Two are shares that
 * samples.csv lacks, S1's RAM and VRAM in per cent: the trainer's RSS of the host's memory, and the GPUs' used
 * memory of their total.
 */
enum TracedMeasure {
    PROCESS_CPU_PERCENT("process_cpu_percent"),
    PROCESS_RSS_BYTES("process_rss_bytes"),
    HOST_CPU_PERCENT("host_cpu_percent"),
    GPU_UTIL_PERCENT("gpu_util_percent"),
    GPU_MEM_USED_BYTES("gpu_mem_used_bytes"),
    GPU_POWER_WATTS("gpu_power_watts"),
    PROCESS_RSS_PERCENT_OF_HOST("process_rss_percent_of_host"),
    GPU_MEM_USED_PERCENT("gpu_mem_used_percent");

    private final String column;

    TracedMeasure(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
