package org.quantstream.core.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeframeTest {
    @ParameterizedTest
    @CsvSource({
        "1s,1,1s",
        "5s,5,5s",
        "10s,10,10s",
        "30s,30,30s",
        "1m,60,1m",
        "1min,60,1m",
        "5m,300,5m",
        "15m,900,15m",
        "1h,3600,1h",
        "4h,14400,4h",
        "1d,86400,1d",
        "90s,90,90s",
        "120s,120,2m",
        "7M,420,7m"
    })
    void shouldParseEveryWholeSecondMultiple(String text, long seconds, String label) {
        Timeframe tf = Timeframe.parse(text);
        assertThat(tf.nanos()).isEqualTo(seconds * 1_000_000_000L);
        assertThat(tf.label()).isEqualTo(label);
        assertThat(Timeframe.parse(tf.label())).isEqualTo(tf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "1.5s", "1ms", "100ms", "1w", "s", "-1m", "1 m", "abc"})
    void shouldRejectOthersNamingTheText(String text) {
        assertThatThrownBy(() -> Timeframe.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("1s, 5s, 1m");
    }

    @Test
    void shouldFloorToTheEpochGridIncludingBeforeTheEpoch() {
        Timeframe m = Timeframe.parse("1m");
        assertThat(m.floor(60_000_000_000L)).isEqualTo(60_000_000_000L);
        assertThat(m.floor(119_999_999_999L)).isEqualTo(60_000_000_000L);
        assertThat(m.floor(-1)).isEqualTo(-60_000_000_000L);
        assertThat(m.isAligned(120_000_000_000L)).isTrue();
        assertThat(m.isAligned(120_000_000_001L)).isFalse();
        assertThat(Timeframe.of(Duration.ofMinutes(15))).isEqualTo(Timeframe.parse("15m"));
        assertThatThrownBy(() -> Timeframe.of(Duration.ofMillis(1500)))
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void shouldReadABareWholeNumberAsSeconds() {
        assertThat(Timeframe.parse("7")).isEqualTo(Timeframe.parse("7s"));
        assertThat(Timeframe.parse("7").nanos()).isEqualTo(7_000_000_000L);
        assertThatThrownBy(() -> Timeframe.parse("7.5"))
                .hasMessageContaining("whole number of seconds");
    }
}
