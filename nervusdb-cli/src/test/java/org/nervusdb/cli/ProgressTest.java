package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aTerminalGetsABarWithEtaAndRate() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), true, 1000, () -> 250);
        String line = p.line(1_000_000, System.nanoTime() + 2_000_000_000L);
        assertThat(line).startsWith("[######                  ]  25% ETA 0:0").contains("1,000,000 triples").contains("triples/s");
    }

    @Test
    void plainOutputHasNoBarAndUnknownSizesNoEta() {
        StringWriter sw = new StringWriter();
        assertThat(new Progress(new PrintWriter(sw), false, 1000, () -> 500).line(10, System.nanoTime())).startsWith(" 50% ");
        assertThat(new Progress(new PrintWriter(sw), false, 0, () -> 500).line(10, System.nanoTime())).startsWith("10 triples, ");
        Progress none = Progress.none(new PrintWriter(sw));
        none.update(5);
        none.done();
        assertThat(sw.toString()).isEmpty();
    }
}
