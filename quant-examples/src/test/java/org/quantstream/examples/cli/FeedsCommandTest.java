package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FeedsCommandTest {
    @Test
    void shouldListTheFileFeedWithItsOptions() throws Exception {
        CliRunner r = CliRunner.run("feeds", "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode feeds = new ObjectMapper().readTree(r.out).path("feeds");
        assertThat(feeds)
                .anySatisfy(
                        f -> {
                            assertThat(f.path("name").asText()).isEqualTo("file");
                            assertThat(f.path("options").has("input")).isTrue();
                        });
        CliRunner text = CliRunner.run("feeds");
        assertThat(text.out).contains("file").contains("input");
        // the example's own feed, found through the SPI like the bundled ones
        assertThat(text.out).contains("random-walk").contains("binance-usdm").contains("replay");
    }

    @Test
    void shouldPrintVersionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertThat(v.exitCode).isZero();
        assertThat(v.out).startsWith("quant 0.1.0");
        CliRunner h = CliRunner.run("--help");
        assertThat(h.exitCode).isZero();
        assertThat(h.out).contains("feeds").contains("ticks");
    }
}
