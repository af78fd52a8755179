package io.benchfleet.metrics.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs the meter on a fake {@code /sys/class/powercap} laid out as Linux lays it out. */
class RaplEnergyMeterTest {

    private static final long RANGE_UJ = 262_143_328_850L;

    @TempDir
    Path powercap;

    private void zone(String name, long energyMicrojoules) throws IOException {
        Path zone = Files.createDirectories(powercap.resolve(name));
        Files.writeString(zone.resolve("max_energy_range_uj"), RANGE_UJ + "\n");
        setEnergy(name, energyMicrojoules);
    }

    private void setEnergy(String name, long energyMicrojoules) throws IOException {
        Files.writeString(powercap.resolve(name).resolve("energy_uj"), energyMicrojoules + "\n");
    }

    @Test
    void sumsThePackagesSinceItWasOpenedLeavingSubZonesOut() throws IOException {
        zone("intel-rapl:0", 1_000_000);
        zone("intel-rapl:1", 5_000_000);
        zone("intel-rapl:0:0", 700_000);
        EnergyMeter meter = RaplEnergyMeter.open(powercap);

        setEnergy("intel-rapl:0", 3_500_000);
        setEnergy("intel-rapl:1", 6_000_000);
        setEnergy("intel-rapl:0:0", 99_000_000);

        assertThat(meter.joules().orElseThrow()).isCloseTo(3.5, within(1e-9));
    }

    @Test
    void countsAcrossACounterWrap() throws IOException {
        zone("intel-rapl:0", RANGE_UJ - 2_000_000);
        EnergyMeter meter = RaplEnergyMeter.open(powercap);
        setEnergy("intel-rapl:0", RANGE_UJ - 500_000);
        assertThat(meter.joules().orElseThrow()).isCloseTo(1.5, within(1e-9));

        setEnergy("intel-rapl:0", 1_500_000);

        assertThat(meter.joules().orElseThrow()).isCloseTo(3.5, within(1e-9));
    }

    @Test
    void aHostWithoutPowercapHasNoMeter() {
        assertThat(RaplEnergyMeter.open(powercap.resolve("missing"))).isSameAs(EnergyMeter.NONE);
    }

    @Test
    void aPowercapWithoutRaplZonesHasNoMeter() throws IOException {
        Files.createDirectories(powercap.resolve("dtpm"));

        assertThat(RaplEnergyMeter.open(powercap)).isSameAs(EnergyMeter.NONE);
    }

    @Test
    void anUnreadableCounterHasNoMeter() throws IOException {
        zone("intel-rapl:0", 1_000_000);
        // As Linux since 5.10 keeps energy_uj from users other than root.
        Files.delete(powercap.resolve("intel-rapl:0").resolve("energy_uj"));

        assertThat(RaplEnergyMeter.open(powercap)).isSameAs(EnergyMeter.NONE);
    }

    @Test
    void aCounterThatBecomesUnreadableGivesAnEmptyReading() throws IOException {
        zone("intel-rapl:0", 1_000_000);
        EnergyMeter meter = RaplEnergyMeter.open(powercap);
        Files.delete(powercap.resolve("intel-rapl:0").resolve("energy_uj"));

        assertThat(meter.joules()).isEmpty();
    }
}
