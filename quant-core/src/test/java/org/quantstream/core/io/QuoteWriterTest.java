package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.Symbol;

class QuoteWriterTest {
    @Test
    void shouldWriteEveryFieldSoThatItParsesBackExactly() throws Exception {
        StringWriter text = new StringWriter();
        SplittableRandom r = new SplittableRandom(11);
        MutableQuote q = new MutableQuote();
        double[][] values = new double[500][];
        try (QuoteWriter w = QuoteWriter.open(text)) {
            for (int i = 0; i < values.length; i++) {
                values[i] =
                        new double[] {
                            r.nextDouble(1e-6, 1e6),
                            r.nextDouble(0, 1e4),
                            r.nextDouble(1e-6, 1e6),
                            r.nextDouble(0, 1e4)
                        };
                w.write(
                        q.set(
                                Symbol.of("ETHUSDT"),
                                1_723_161_256_313_000_000L + i,
                                1_723_161_256_400_000_000L + i,
                                5_123_107_839_020L + i,
                                values[i][0],
                                values[i][1],
                                values[i][2],
                                values[i][3]));
            }
            assertThat(w.written()).isEqualTo(values.length);
        }
        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).isEqualTo(QuoteWriter.HEADER);
        assertThat(lines).hasSize(values.length + 1);
        for (int i = 0; i < values.length; i++) {
            String[] f = lines[i + 1].split(",");
            assertThat(f[0]).isEqualTo("ETHUSDT");
            assertThat(Long.parseLong(f[1])).isEqualTo(5_123_107_839_020L + i);
            assertThat(Long.parseLong(f[2])).isEqualTo(1_723_161_256_313_000_000L + i);
            assertThat(Long.parseLong(f[3])).isEqualTo(1_723_161_256_400_000_000L + i);
            for (int k = 0; k < 4; k++) {
                assertThat(Double.parseDouble(f[4 + k])).as(lines[i + 1]).isEqualTo(values[i][k]);
                assertThat(f[4 + k]).doesNotContain("E");
            }
        }
    }
}
