package io.benchfleet.report;

/**
 * The measures S1 set side by side, CPU %, RAM, GPU %, VRAM, with RAM and VRAM also as shares of the host's and
 * the GPU's memory; each with the factor that turns its {@link TracedMeasure}'s unit into the one shown.
 */
enum ComparedMeasure {
    CPU(TracedMeasure.PROCESS_CPU_PERCENT, "trainer CPU (% of one core)", 1),
    RSS(TracedMeasure.PROCESS_RSS_BYTES, "trainer RSS (MiB)", 1 / ComparedMeasure.MIB),
    RSS_OF_HOST(TracedMeasure.PROCESS_RSS_PERCENT_OF_HOST, "trainer RSS (% of host memory)", 1),
    GPU(TracedMeasure.GPU_UTIL_PERCENT, "GPU utilisation (%)", 1),
    VRAM(TracedMeasure.GPU_MEM_USED_BYTES, "GPU memory (MiB)", 1 / ComparedMeasure.MIB),
    VRAM_OF_GPU(TracedMeasure.GPU_MEM_USED_PERCENT, "GPU memory (% of the GPU's)", 1);

    private static final double MIB = 1024.0 * 1024.0;

    final TracedMeasure traced;
    final String label;
    final double scale;

    ComparedMeasure(TracedMeasure traced, String label, double scale) {
        this.traced = traced;
        this.label = label;
        this.scale = scale;
    }
}
