package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of the loader against a small broken flow: the message, and where it points. */
class FlowValidationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void prompts() throws IOException {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/zh.yaml"), "hello: 你好\nmenu: 请选择\nbye: 再见\nonly-zh: 仅中文\n");
        Files.writeString(dir.resolve("prompts/en.yaml"), "hello: Hello\nmenu: Choose\nbye: Bye\n");
    }

    /** The problems of a flow, apart from a missing fallback (every flow needs one; checked on its own below). */
    private List<FlowProblem> problems(String yaml) throws IOException {
        return allProblems(yaml).stream().filter(p -> !p.message().startsWith("a flow needs 'queue-fallback'")).toList();
    }

    private List<FlowProblem> allProblems(String yaml) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        try {
            new FlowLoader().load(file);
        } catch (FlowException e) {
            return e.problems();
        }
        throw new AssertionError("the flow was accepted");
    }

    @Test
    void aFlowMustSayWhereCallersGoWhenRedisCannotBeReached() throws IOException {
        at(only(allProblems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    hangup: bye
                """)), 1, 1, "", "a flow needs 'queue-fallback' (a Dial target such as Local/operators@hotline-seats)"
                + " or 'on-error' (a node)");
        at(only(allProblems("""
                languages: [zh, en]
                queue-fallback: Local/operators@hotline-seats
                start: a
                nodes:
                  a:
                    hangup: bye
                """)), 1, 1, "", "prompt 'please-hold' (played before the queue-fallback Dial) has no text in zh, en");
        at(only(allProblems("""
                languages: [zh, en]
                on-error: sorry
                start: a
                nodes:
                  a:
                    hangup: bye
                """)), 2, 11, "", "on-error node 'sorry' does not exist");
    }

    @Test
    void anOnErrorNodeCountsAsReachable() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), """
                languages: [zh, en]
                on-error: sorry
                start: a
                nodes:
                  a:
                    hangup: bye
                  sorry:
                    hangup: bye
                """);
        assertThat(new FlowLoader().load(dir.resolve("t.yaml")).onError().name()).isEqualTo("sorry");
    }

    private static FlowProblem only(List<FlowProblem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private static void at(FlowProblem problem, int line, int column, String node, String message) {
        assertThat(problem.message()).contains(message);
        assertThat(problem.pos().line()).as("line of " + problem).isEqualTo(line);
        assertThat(problem.pos().column()).as("column of " + problem).isEqualTo(column);
        assertThat(problem.nodeId()).isEqualTo(node);
        assertThat(problem.pos().file().getFileName().toString()).isEqualTo("t.yaml");
    }

    @Test
    void aReferenceToAMissingNodeIsNamedWhereItIsWritten() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    play: hello
                    next: nowhere
                """)), 6, 11, "a", "unknown node 'nowhere'");
    }

    @Test
    void aNodeNoPathLeadsToIsUnreachable() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    hangup: bye
                  orphan:
                    hangup: bye
                """)), 6, 3, "orphan", "unreachable: no path from start 'a' leads here");
    }

    @Test
    void aPathMustEndInHangupEnqueueOrTransfer() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    play: hello
                """)), 4, 3, "a", "the path ends here without hangup, enqueue or transfer");
    }

    @Test
    void aConditionWithoutElseEndsAPath() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    condition:
                      - if: {weekdays: mon-fri}
                        then: b
                  b:
                    hangup: bye
                """)), 4, 3, "a", "when no case holds the path ends here");
    }

    @Test
    void aMenuKeyMayAppearOnlyOnce() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: m
                nodes:
                  m:
                    menu:
                      prompt: menu
                      options:
                        1: b
                        2: b
                        1: m
                      default: b
                  b:
                    hangup: bye
                """)), 10, 9, "m", "duplicate key '1' (first at line 8)");
    }

    @Test
    void twoMenuKeysMayNotAnswerToTheSamePhrase() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: m
                nodes:
                  m:
                    menu:
                      prompt: menu
                      options:
                        1: {next: b, say: {en: [complaint]}}
                        2: {next: b, say: {en: [" Complaint "]}}
                      default: b
                  b:
                    hangup: bye
                """)), 9, 33, "m", "phrase ' Complaint ' (en) collides: key 1 already answers to it");
    }

    @Test
    void aPromptNeedsTextInEveryLanguageTheFlowOffers() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    hangup: only-zh
                """)), 5, 13, "a", "prompt 'only-zh' has no text in en");
    }

    @Test
    void aTimeWindowMustBeARealSpanOfTheDay() throws IOException {
        List<FlowProblem> problems = problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    condition:
                      - if: {time: ["08:00-25:00", "09:00-09:00", "noon"]}
                        then: b
                      - else: b
                  b:
                    hangup: bye
                """);
        assertThat(problems).hasSize(3);
        at(problems.get(0), 6, 21, "a", "bad time window '08:00-25:00': is not a time of day");
        at(problems.get(1), 6, 36, "a", "bad time window '09:00-09:00': is empty");
        at(problems.get(2), 6, 51, "a", "bad time window 'noon': must look like 08:30-17:30");
    }

    @Test
    void aLoopWithNoWayOutTrapsTheCaller() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    play: hello
                    next: b
                  b:
                    condition:
                      - if: {weekdays: sat-sun}
                        then: a
                      - else: c
                  c:
                    goto: a
                """)), 4, 3, "a", "loop without an exit: a -> b -> a never reaches hangup, enqueue or transfer");
    }

    @Test
    void aMenuThatOnlyLeadsBackToItselfIsALoop() throws IOException {
        at(only(problems("""
                languages: [zh, en]
                start: m
                nodes:
                  m:
                    menu:
                      prompt: menu
                      options: {1: m}
                      default: m
                """)), 4, 3, "m", "loop without an exit: m -> m");
    }

    @Test
    void unknownKeysAndNodeTypesAreNamed() throws IOException {
        List<FlowProblem> problems = problems("""
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    hangup: bye
                    nxt: a
                  b:
                    jump: a
                """);
        assertThat(problems).extracting(FlowProblem::toString).containsExactly(
                dir.resolve("t.yaml") + ":6:5: node 'a': unknown key 'nxt' in a hangup node (allowed: hangup, note)"
                        .replace("(allowed: hangup, note)", problems.get(0).message().substring(
                                problems.get(0).message().indexOf("(allowed"))),
                dir.resolve("t.yaml") + ":7:3: node 'b': a node needs one type: collect, condition, describe, enqueue, "
                        + "goto, hangup, language, menu, play, progress, return, set, subflow, transfer");
    }

    @Test
    void yamlSyntaxErrorsCarryTheirPosition() throws IOException {
        FlowProblem problem = only(problems("start: a\nnodes:\n  a: [unclosed\n"));
        assertThat(problem.message()).startsWith("YAML syntax:");
        assertThat(problem.pos().line()).isEqualTo(4);
    }

    @Test
    void anInvalidFlowIsRefusedWithEveryProblemInFileOrder() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), """
                languages: [zh, en]
                start: a
                nodes:
                  a:
                    play: nothing-like-this
                    next: gone
                """);
        assertThatThrownBy(() -> new FlowLoader().load(dir.resolve("t.yaml")))
                .isInstanceOf(FlowException.class)
                .hasMessageContaining("t.yaml:5:11: node 'a': prompt 'nothing-like-this' has no text in zh, en")
                .hasMessageContaining("t.yaml:6:11: node 'a': unknown node 'gone'");
    }

    @Test
    void anEndOfTurnTooShortOrTooLongAndAFinishPromptWithNoTimeToPlayAreRefused() throws IOException {
        List<FlowProblem> problems = problems("""
                languages: [zh, en]
                start: m
                nodes:
                  m:
                    menu:
                      prompt: menu
                      options: {1: d}
                      default: d
                      end-silence: 250ms
                  d:
                    describe:
                      prompt: hello
                      max: 15s
                      end-silence: 11s
                      finish-prompt: bye
                    next: bye
                  bye:
                    hangup: bye
                """);
        assertThat(problems).hasSize(3);
        at(problems.get(0), 9, 20, "m", "'end-silence' must be between 300ms and 10s, not 250ms");
        at(problems.get(1), 14, 20, "d", "'end-silence' must be between 300ms and 10s, not 11s");
        at(problems.get(2), 15, 22, "d", "'finish-prompt' is played 10s before 'max': 'max' must be at least 20s");
    }

    @Test
    void aNodesOwnEndOfTurnIsReadAndDrawn() throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                languages: [zh, en]
                start: m
                nodes:
                  m:
                    menu:
                      prompt: menu
                      options: {1: d, 2: e}
                      default: d
                      end-silence: 500ms
                  d:
                    describe:
                      prompt: hello
                      max: 90s
                      end-silence: 2.5s
                      finish-prompt: bye
                    next: bye
                  e:
                    describe: {prompt: hello}
                    next: bye
                  bye:
                    hangup: bye
                on-error: bye
                """);
        Flow flow = new FlowLoader().load(file);
        FlowNode.Describe d = (FlowNode.Describe) flow.nodes().get("d");
        assertThat(d.endSilence()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(d.finishPrompt().name()).isEqualTo("bye");
        assertThat(((FlowNode.Describe) flow.nodes().get("e")).endSilence()).as("the server's default then").isNull();
        assertThat(((FlowNode.Menu) flow.nodes().get("m")).endSilence()).isEqualTo(java.time.Duration.ofMillis(500));
        String graph = new FlowGraph(flow).mermaid();
        assertThat(graph).contains("max 90s, ends after 2.5s silence<br/>bye 10s before max")
                .contains("max 1m, ends after the server's end-silence")
                .contains("spoken answer ends after 500ms silence");
    }

    @Test
    void anEnqueuesHoldBlockIsReadAndDrawnAndItsPromptsAreTheOnesChecked() throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                languages: [zh, en]
                start: q
                nodes:
                  q:
                    enqueue:
                      queue: citizen
                      hold:
                        music: calm
                        announce-every: 30s
                        position: true
                        expected-wait: false
                        offer-callback: false
                        prompts: {position: hello}
                  bye:
                    hangup: bye
                on-error: bye
                """);
        Flow flow = new FlowLoader().load(file);
        HoldPlan hold = ((FlowNode.Enqueue) flow.nodes().get("q")).hold();
        assertThat(hold.music()).isEqualTo("calm");
        assertThat(hold.announceEvery()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(hold.offerCallbackAfter()).as("the queue's then").isNull();
        assertThat(flow.nodes().get("q").prompts()).extracting(Ref::name)
                .as("only what this hold plays: no expected wait, no callback offer").containsExactly("hello");
        assertThat(new FlowGraph(flow).mermaid()).contains("hold: position every 30s; no callback offer");
    }

    @Test
    void aHoldBlockIsCheckedLikeTheRestOfTheFlow() throws IOException {
        List<FlowProblem> problems = problems("""
                languages: [zh, en]
                start: q
                nodes:
                  q:
                    enqueue:
                      queue: citizen
                      hold:
                        announce-every: 3s
                        position: yes
                        offer-callback: true
                        offer-callback-after: soon
                        repeat: 2
                        prompts: {position: only-zh, expected-wait: hello, minutes: hello, offer-callback: menu,
                                  callback-number-is: hello, callback-confirm: menu, callback-enter-number: menu,
                                  callback-confirmed: bye}
                  bye:
                    hangup: bye
                on-error: bye
                """);
        assertThat(problems).hasSize(5);
        at(problems.get(0), 8, 25, "q", "'announce-every' must be at least 10s");
        at(problems.get(1), 9, 19, "q", "'position' must be true or false, not 'yes'");
        at(problems.get(2), 11, 31, "q", "'offer-callback-after' must be a duration");
        at(problems.get(3), 12, 9, "q", "unknown key 'repeat' in an enqueue node's hold");
        at(problems.get(4), 13, 29, "q", "prompt 'only-zh' has no text in en");
    }

    @Test
    void anEnqueueWithoutHoldPlaysTheShippedHoldPromptsWhichMustExistInEveryLanguage() throws IOException {
        List<FlowProblem> problems = problems("""
                languages: [zh, en]
                start: q
                nodes:
                  q:
                    enqueue: {queue: citizen}
                  bye:
                    hangup: bye
                on-error: bye
                """);
        assertThat(problems).extracting(FlowProblem::message)
                .contains("prompt 'queue/position' has no text in zh, en (" + dir.resolve("prompts") + "/<lang>.yaml)")
                .anyMatch(message -> message.startsWith("prompt 'queue/callback-confirmed' has no text"));
        assertThat(problems).allSatisfy(problem -> at(problem, 4, 3, "q", "has no text in zh, en"));
    }
}
