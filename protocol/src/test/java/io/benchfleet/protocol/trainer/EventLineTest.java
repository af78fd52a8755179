package io.benchfleet.protocol.trainer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLineTest {

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
                new TrainerEvent.Started(7, 2, "CPU", List.of("0:ConvolutionLayer=MKLDNNConvHelper"), 10, 5, 3, 1.5),
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
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"started\",\"pid\":1,\"threads\":1,\"backend\":\"CPU\","
                + "\"layerHelpers\":[null],\"parameters\":10,\"trainSamples\":5,\"testSamples\":3,\"startupSeconds\":1.0}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
    }

    @Test
    void aStartedEventWithoutItsBackendIsRefused() {
        assertThatThrownBy(() -> EventLine.decode("{\"event\":\"started\",\"pid\":1,\"threads\":1,\"layerHelpers\":[],"
                + "\"parameters\":10,\"trainSamples\":5,\"testSamples\":3,\"startupSeconds\":1.0}"))
                .isInstanceOf(EventLine.MalformedEventLineException.class);
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
