package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfferedFrameworkTest {

    @Test
    void readsEachFrameworkOfTheWorkersColumnWithItsVersionAndDevices() {
        assertThat(OfferedFramework.listOf("dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)")).containsExactly(
                new OfferedFramework("dl4j", "1.0.0-M2.1", List.of("cpu")),
                new OfferedFramework("pytorch", "1.13.0a0", List.of("cpu", "gpu")));
    }

    @Test
    void takesAUsersVersionTextWholeAndLeavesOutWhatAnEntryDoesNotName() {
        assertThat(OfferedFramework.listOf("jax 0.4 nightly build (gpu); mine;  ")).containsExactly(
                new OfferedFramework("jax", "0.4 nightly build", List.of("gpu")),
                new OfferedFramework("mine", "", List.of()));
        assertThat(OfferedFramework.listOf("")).isEmpty();
    }

    @Test
    void describesItselfAsTheColumnDoes() {
        assertThat(new OfferedFramework("pytorch", "1.13.0a0", List.of("cpu", "gpu")).describe())
                .isEqualTo("pytorch 1.13.0a0 (cpu, gpu)");
        assertThat(new OfferedFramework("mine", "", List.of()).describe()).isEqualTo("mine");
    }
}
