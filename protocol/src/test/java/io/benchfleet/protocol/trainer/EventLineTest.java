package io.benchfleet.protocol.trainer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLineTest {

    private static final String STARTED_PREFIX = "{\"event\":\"started\",\"protocolVersion\":1,"
            + "\"framework\":\"pytorch\",\"frameworkVersion\":\"1.13.1\",";
    private static final String EPOCH_PREFIX = "{\"event\":\"epoch\",\"epoch\":1,\"seconds\":2.0,"
            + "\"samplesPerSecond\":50.0,\"trainLoss\":0.5,\"trainAccuracy\":0.8,\"testLoss\":0.6,"
            + "\"testAccuracy\":0.7,\"rssBytes\":1000";
    private static final String STARTED_COUNTS = "\"pid\":1,\"threads\":1,\"parameters\":10,\"trainSamples\":5,"
            + "\"testSamples\":3,\"startupSeconds\":1.0}";

    @Test
    void anEpochEventIsOneLineOfJsonNamedByItsEventField() {
        var epoch = new TrainerEvent.Epoch(2, 10.0, 1200.0, 0.4, 0.86, 0.45, 0.84, 1L, 2L, 3L);

        String line = EventLine.encode(epoch);

        assertThat(line).doesNotContain("\n").startsWith("{\"event\":\"epoch\"").contains("\"testAccuracy\":0.84");
        assertThat(EventLine.decode(line)).isEqualTo(epoch);
    }

    @Test
    void decodesALineWrittenByHand() {
        String line = "{\"event\":\"finished\",\"trainSeconds\":12.5,\"samplesPerSecond\":960.0,"
                + "\"testAccuracy\":0.9,\"testLoss\":0.3}";

        assertThat(EventLine.decode(line)).isEqualTo(new TrainerEvent.Finished(12.5, 960.0, 0.9, 0.3));
    }

    @Test
    void everyEventKindRoundTrips() {
        List<TrainerEvent> events = List.of(
                new TrainerEvent.Started(1, "dl4j", "1.0.0-M2.1", 7, 2, "CPU", List.of("0:ConvolutionLayer=MKLDNNConvHelper"),
                        10, 5, 3, 1.5, "ab12"),
                new TrainerEvent.Epoch(1, 1.0, 2.0, 3.0, 0.4, 4.0, 0.5, 6L, 7L, 8L),
                new TrainerEvent.Finished(1.0, 2.0, 0.5, 0.7),
                new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT, "labels out of range"));

        events.forEach(e -> assertThat(EventLine.decode(EventLine.encode(e))).isEqualTo(e));
    }

    @Test
    void onlyFinishedAndFailedEndAnAttempt() {
        assertThat(new TrainerEvent.Finished(1, 1, 1, 1).isFinal()).isTrue();
        assertThat(new TrainerEvent.Failed(TrainerEvent.FailureKind.ERROR, "x").isFinal()).isTrue();
        assertThat(new TrainerEvent.Epoch(1, 1, 1, 1, 1, 1, 1, 1, 1, 1).isFinal()).isFalse();
    }

    @Test
    void aLineThatIsNotAnEventIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> EventLine.decode("Loaded native library"))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("'Loaded native library'")
                .hasMessageContaining("started|epoch|finished|failed");
    }

    @Test
    void anUnknownEventKindIsRefused() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"paused\"}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }

    @Test
    void anEventWithAMissingFieldIsRefused() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"finished\",\"trainSeconds\":1.0}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }

    @Test
    void theLineNullIsRefusedRatherThanDecodedAsNoEvent() {
        assertThatThrownBy(() -> EventLine.decode("null"))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("'null'");
    }

    @Test
    void aFailedEventWithoutKindOrMessageIsRefused() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"failed\"}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("'{\"event\":\"failed\"}'");
    }

    @Test
    void anExplicitNullFieldIsRefused() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"failed\",\"kind\":\"ERROR\",\"message\":null}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
        assertThatThrownBy(() -> EventLine.decode(STARTED_PREFIX + "\"backend\":\"CPU\",\"layerHelpers\":[null],"
                + STARTED_COUNTS))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }

    @Test
    void aStartedEventFromATrainerWithoutJvmOrBackendIsAccepted() {
        var started = (TrainerEvent.Started) EventLine.decode(STARTED_PREFIX + STARTED_COUNTS);

        assertThat(started.framework()).isEqualTo("pytorch");
        assertThat(started.backend()).isEmpty();
        assertThat(started.layerHelpers()).isEmpty();
    }

    @Test
    void anEpochWithoutHeapFiguresIsAccepted() {
        var epoch = (TrainerEvent.Epoch) EventLine.decode("{\"event\":\"epoch\",\"epoch\":1,\"seconds\":2.0,"
                + "\"samplesPerSecond\":50.0,\"trainLoss\":0.5,\"trainAccuracy\":0.8,\"testLoss\":0.6,"
                + "\"testAccuracy\":0.7,\"rssBytes\":1000}");

        assertThat(epoch.heapBytes()).isZero();
        assertThat(epoch.rssBytes()).isEqualTo(1000);
    }

    @Test
    void anEpochOnAGpuCarriesItsGpuMemory() {
        var epoch = new TrainerEvent.Epoch(1, 1.0, 2.0, 3.0, 0.4, 4.0, 0.5, 0, 7L, 0, Optional.of(1_500_000_000L));

        String line = EventLine.encode(epoch);

        assertThat(line).endsWith(",\"gpuMemBytes\":1500000000}");
        assertThat(EventLine.decode(line)).isEqualTo(epoch);
        assertThat(((TrainerEvent.Epoch) EventLine.decode(EPOCH_PREFIX + ",\"gpuMemBytes\":0}")).gpuMemBytes())
                .contains(0L);
    }

    @Test
    void anEpochOnACpuLeavesGpuMemoryOut() {
        var epoch = new TrainerEvent.Epoch(1, 1.0, 2.0, 3.0, 0.4, 4.0, 0.5, 6L, 7L, 8L);

        assertThat(EventLine.encode(epoch)).doesNotContain("gpuMemBytes");
        assertThat(((TrainerEvent.Epoch) EventLine.decode(EPOCH_PREFIX + "}")).gpuMemBytes()).isEmpty();
        assertThat(((TrainerEvent.Epoch) EventLine.decode(EPOCH_PREFIX + ",\"gpuMemBytes\":null}")).gpuMemBytes())
                .isEmpty();
    }

    @Test
    void aNegativeGpuMemoryIsRefusedInOneLineNamingTheField() {
        assertThatThrownBy(() -> EventLine.decode(EPOCH_PREFIX + ",\"gpuMemBytes\":-1}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("gpuMemBytes must be a whole number of bytes, 0 or more, or left out; got -1")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new TrainerEvent.Epoch(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, Optional.of(-1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGpuMemoryThatIsNotAWholeNumberOfBytesIsRefused() {
        for (String value : List.of("\"1500000000\"", "1.5e9", "true", "{}", "99999999999999999999")) {
            assertThatThrownBy(() -> EventLine.decode(EPOCH_PREFIX + ",\"gpuMemBytes\":" + value + "}"))
                    .as(value)
                    .isInstanceOf(EventLine.MalformedEventLineException.class)
                    .hasMessageContaining("gpuMemBytes must be a whole number of bytes")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aStartedEventWithoutItsProtocolVersionIsRefusedNamingTheField() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"started\",\"framework\":\"pytorch\","
                + "\"frameworkVersion\":\"1.13.1\"," + STARTED_COUNTS))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("missing field 'protocolVersion'");
    }

    @Test
    void aFieldTheEventDoesNotDefineIsRefused() {
        assertThatThrownBy(() -> EventLine.decode(STARTED_PREFIX + "\"gpuName\":\"H200\"," + STARTED_COUNTS))
                .isInstanceOf(EventLine.MalformedEventLineException.class)
                .hasMessageContaining("gpuName");
    }

    @Test
    void aLineWithAnythingAfterItsEventIsRefused() {
        String finished = EventLine.encode(new TrainerEvent.Finished(1.0, 2.0, 0.5, 0.7));

        assertThatThrownBy(() -> EventLine.decode(finished + " " + finished))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }

    @Test
    void anEmptyLineIsRefused() {
        assertThatThrownBy(() -> EventLine.decode(""))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }
}
