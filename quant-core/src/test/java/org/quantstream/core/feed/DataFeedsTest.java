package org.quantstream.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.quantstream.core.io.FileFeedProvider;

class DataFeedsTest {
    @Test
    void shouldDiscoverTheFileFeedThroughServiceLoader() {
        assertThat(DataFeeds.providers()).extracting(DataFeedProvider::name).contains("file");
        assertThat(DataFeeds.provider("file")).get().isInstanceOf(FileFeedProvider.class);
        assertThat(DataFeeds.provider("file").orElseThrow().options())
                .containsKeys("input", "symbol", "speed", "skipBad");
    }

    @Test
    void shouldListTheAvailableFeedsWhenTheNameIsUnknown() {
        assertThatThrownBy(() -> DataFeeds.open("nasdaq-itch", FeedConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no data feed named \"nasdaq-itch\"")
                .hasMessageContaining("file");
    }

    @Test
    void shouldGiveTypedOptionsWithErrorsThatNameThem() {
        FeedConfig c =
                FeedConfig.builder()
                        .option("speed", "2.5")
                        .option("on", "TRUE")
                        .option("bad", "x")
                        .build();
        assertThat(c.getDouble("speed", 1)).isEqualTo(2.5);
        assertThat(c.getDouble("missing", 1)).isEqualTo(1);
        assertThat(c.getBoolean("on", false)).isTrue();
        assertThat(c.toBuilder().option("on", null).build().options()).doesNotContainKey("on");
        assertThatThrownBy(() -> c.getDouble("bad", 0))
                .hasMessage("feed option 'bad' must be a number, was \"x\"");
        assertThatThrownBy(() -> c.require("missing"))
                .hasMessage("feed option 'missing' is required");
    }
}
