package org.hotline.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CommandMixTest {

    @Test
    void aCallAnswersThenSetsGetsAndNoopsThenHangsUp() {
        List<String> commands = IntStream.range(0, 6).mapToObj(i -> CommandMix.command(i, 6).buildCommand()).toList();

        assertThat(commands).containsExactly("ANSWER", "SET VARIABLE \"BENCH_STEP\" \"step-1\"",
                "GET VARIABLE \"BENCH_STEP\"", "NOOP", "SET VARIABLE \"BENCH_STEP\" \"step-4\"", "HANGUP");
    }

    @Test
    void settingsRefuseCallsWithoutRoomForAnswerAndHangup() {
        assertThatThrownBy(() -> new BenchSettings(List.of(10), 1, List.of(ServerKind.NETTY), Duration.ZERO,
                Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 100, 10, ServerLaunch.unpinned("512m"), Duration.ofSeconds(5)))
                .hasMessageContaining("--commands must be at least 2");
    }

    @Test
    void serverKindsAreNamedAsOnTheCommandLine() {
        assertThat(ServerKind.of("asterisk-java")).isEqualTo(ServerKind.ASTERISK_JAVA);
        assertThatThrownBy(() -> ServerKind.of("tomcat")).hasMessageContaining("netty, asterisk-java or floor");
    }
}
