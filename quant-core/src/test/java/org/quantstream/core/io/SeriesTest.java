package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesTest {
    @Test
    void shouldNameTheRealLineOfABadCellAfterBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "value\n1\n\n\n2\nabc\n");
        assertThatThrownBy(() -> Series.read(f, null))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":6:");
    }

    @Test
    void shouldSkipBlankLinesAndKeepTheValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "value\n1\n\n\n2\n\n3\n");
        assertThat(Series.read(f, null).values()).containsExactly(1, 2, 3);
    }
}
