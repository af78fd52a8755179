package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;

import java.util.Optional;

/**
 * One line of {@code nvidia-smi --query-gpu=}{@link #QUERY}{@code --format=csv,noheader,nounits}, e.g.
 * {@code 0, 87, 3000, 81559, 250.50, 61, 1980}. A field the board does not report reads {@code [N/A]} or
 * {@code [Not Supported]}; such a field becomes empty and the rest of the line still counts.
 */
final class NvidiaSmiLine {

    static final String QUERY = "index,utilization.gpu,memory.used,memory.total,power.draw,temperature.gpu,clocks.sm";
    private static final int FIELDS = 7;
    /** nounits gives memory in MiB. */
    private static final long BYTES_PER_MIB = 1L << 20;

    private NvidiaSmiLine() {
    }

    /** The reading on {@code line}, without energy; empty when the line is not one (a header, an error message). */
    static Optional<GpuSample> parse(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            return Optional.empty();
        }
        Optional<Double> index = number(fields[0]);
        if (index.isEmpty() || index.get() < 0 || index.get() != Math.floor(index.get())) {
            return Optional.empty();
        }
        return Optional.of(new GpuSample(index.get().intValue(), number(fields[1]), mebibytes(fields[2]),
                mebibytes(fields[3]), number(fields[4]), number(fields[5]), number(fields[6]), Optional.empty()));
    }

    private static Optional<Long> mebibytes(String field) {
        return number(field).map(mib -> Math.round(mib * BYTES_PER_MIB));
    }

    private static Optional<Double> number(String field) {
        try {
            double value = Double.parseDouble(field.strip());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
