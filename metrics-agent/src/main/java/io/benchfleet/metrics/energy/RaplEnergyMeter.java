package io.benchfleet.metrics.energy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU package energy from Linux's powercap interface to RAPL: one {@code intel-rapl:N} zone per package (AMD's
 * kernels use the same name), each with a microjoule counter {@code energy_uj} that wraps at
 * {@code max_energy_range_uj}. Sub-zones ({@code intel-rapl:N:M}: cores, uncore, DRAM) are parts of their
 * package and are left out so nothing counts twice.
 * <p>
 * Since Linux 5.10 {@code energy_uj} is readable by root only (a power side channel, CVE-2020-8694); a worker
 * node that runs as another user gets {@link EnergyMeter#NONE} unless an administrator opens the files.
 */
public final class RaplEnergyMeter implements EnergyMeter {

    public static final Path POWERCAP = Path.of("/sys/class/powercap");
    private static final Logger log = LoggerFactory.getLogger(RaplEnergyMeter.class);
    private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:\\d+");
    private static final double JOULES_PER_MICROJOULE = 1e-6;

    private final List<Zone> zones;
    private double joules;

    /** One package's counter, with its last value so that a wrap can be told from a step. */
    private static final class Zone {
        final Path counter;
        final long range;
        long last;

        Zone(Path counter, long range, long last) {
            this.counter = counter;
            this.range = range;
            this.last = last;
        }
    }

    private RaplEnergyMeter(List<Zone> zones) {
        this.zones = zones;
    }

    /** The meter over {@code powercap}'s package zones, or {@link EnergyMeter#NONE} when none can be read. */
    public static EnergyMeter open(Path powercap) {
        List<Zone> zones = new ArrayList<>();
        try (Stream<Path> entries = Files.list(powercap)) {
            for (Path zone : entries.filter(p -> PACKAGE_ZONE.matcher(p.getFileName().toString()).matches())
                    .sorted().toList()) {
                zones.add(new Zone(zone.resolve("energy_uj"), readLong(zone.resolve("max_energy_range_uj")),
                        readLong(zone.resolve("energy_uj"))));
            }
        } catch (IOException | NumberFormatException e) {
            log.info("no CPU energy readings: {} cannot be read ({})", powercap, e.toString());
            return NONE;
        }
        if (zones.isEmpty()) {
            log.info("no CPU energy readings: {} has no RAPL package zone", powercap);
            return NONE;
        }
        return new RaplEnergyMeter(List.copyOf(zones));
    }

    @Override
    public synchronized Optional<Double> joules() {
        try {
            for (Zone zone : zones) {
                long now = readLong(zone.counter);
                // One wrap at most between reads: at 200 W a 2^32 uJ range lasts over 20 s, larger ranges minutes.
                long delta = now >= zone.last ? now - zone.last : now + (zone.range - zone.last);
                zone.last = now;
                joules += delta * JOULES_PER_MICROJOULE;
            }
            return Optional.of(joules);
        } catch (IOException | NumberFormatException e) {
            log.warn("CPU energy reading failed ({}); this sample has none", e.toString());
            return Optional.empty();
        }
    }

    private static long readLong(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }
}
