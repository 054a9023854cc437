package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueSetupLoaderTest {

    private static final Path SEATS = Path.of("../config/seats.yaml");
    private static final Path QUEUES = Path.of("../config/queues.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedSeatsAndQueuesLoadAndEveryQueueHasASeat() {
        QueueSetup setup = new QueueSetupLoader().load(SEATS, QUEUES);

        assertThat(setup.seats()).extracting(SeatConfig::id).containsExactly("1001", "1002", "1003", "1004");
        assertThat(setup.seat("1001").orElseThrow().device()).isEqualTo("Local/1001@test-seat");
        assertThat(setup.queues()).extracting(QueueConfig::id).contains("zh-general", "foreign", "enterprise");
        assertThat(setup.priorities()).containsKeys("urgent", "elderly", "enterprise", "normal");
        assertThat(setup.priority("urgent").headStart()).isGreaterThan(setup.priority("elderly").headStart());
        assertThat(setup.requireQueue("enterprise").overflowTarget()).contains("zh-general");
        assertThat(setup.requireQueue("zh-general").ringTimeout()).isEqualTo(Duration.ofSeconds(20));
        for (QueueConfig queue : setup.queues()) {
            assertThat(setup.seats()).as("seats serving " + queue.id()).anyMatch(s -> s.serves(queue));
        }
        assertThat(setup.seat("1001").orElseThrow().toString()).doesNotContain("pbkdf2");
    }

    @Test
    void eachDemoSeatsPasswordIsDemoPlusItsId() {
        QueueSetup setup = new QueueSetupLoader().load(SEATS, QUEUES);
        SeatConfig seat = setup.requireSeat("1003");

        assertThat(PasswordHash.verify("demo1003".toCharArray(), seat.passwordHash())).isTrue();
        assertThat(PasswordHash.verify("demo1001".toCharArray(), seat.passwordHash())).isFalse();
    }

    @Test
    void aCreatedHashVerifiesOnlyItsOwnPassword() {
        String hash = PasswordHash.create("s3cret".toCharArray(), 1000);

        assertThat(hash).startsWith("pbkdf2-sha256$1000$");
        assertThat(PasswordHash.verify("s3cret".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.verify("s3cret!".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.verify("s3cret".toCharArray(), "plain-text")).isFalse();
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey() throws Exception {
        Path seats = write("seats.yaml", """
                seats:
                  - id: "1001"
                    device: PJSIP/1001
                    skills: {general: 11}
                    languages: [zh]
                    passwordHash: secret
                  - id: "1001"
                    device: nowhere
                    skills: {general: 3}
                    languages: [zh]
                    passwordHash: pbkdf2-sha256$1$c2FsdA==$aGFzaA==
                """);
        Path queues = write("queues.yaml", """
                priorityClasses:
                  urgent: 10m
                queues:
                  - id: zh-general
                    skill: general
                    language: zh
                    strategy: random
                    ringTimeout: soon
                    overflow: queue
                    overflowQueue: nowhere
                    colour: blue
                """);

        assertThatThrownBy(() -> new QueueSetupLoader().load(seats, queues))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(seats + ":4 seats[0].skills.general = '11': must be a whole number between 1 and 10")
                .hasMessageContaining(seats + ":6 seats[0].passwordHash = '(hidden)'")
                .hasMessageContaining(seats + ":7 seats[1].id = '1001': duplicate seat id")
                .hasMessageContaining(seats + ":8 seats[1].device = 'nowhere'")
                .hasMessageContaining(queues + ":2 priorityClasses = (missing): must define the class 'normal'")
                .hasMessageContaining(queues + ":7 queues[0].strategy = 'random'")
                .hasMessageContaining(queues + ":8 queues[0].ringTimeout = 'soon'")
                .hasMessageContaining(queues + ":10 queues[0].overflowQueue = 'nowhere': names no queue")
                .hasMessageContaining(queues + ":11 queues[0].colour = 'colour': unknown key")
                .message().doesNotContain("secret");
    }

    @Test
    void brokenYamlNamesTheLine() throws Exception {
        Path seats = write("seats.yaml", "seats:\n  - id: [unclosed\n");

        assertThatThrownBy(() -> new QueueSetupLoader().load(seats, QUEUES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(seats + ":3");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
