package org.hotline.ivr.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.SetVariableCommand;

/** The nodes that wait for the caller: language, menu and collect, each with retries and a way out. */
final class ChoiceSteps {

    private final KeyInput input;
    private final Recorder recorder;

    /** Records a node's outcome on the call's path (and its journey). */
    @FunctionalInterface
    interface Recorder {
        void record(CallContext call, FlowNode node, String input, String result);

        /** A line in the call's journal about {@code node} that is not a step of its path (e.g. the draft written). */
        default void note(CallContext call, FlowNode node, String result) {
        }
    }

    ChoiceSteps(FlowServices services, Recorder recorder) {
        this.input = new KeyInput(services);
        this.recorder = recorder;
    }

    CompletionStage<Transition> language(CallContext call, FlowNode.Language node, int attempt) {
        Map<String, List<String>> spoken = new LinkedHashMap<>();
        node.choices().forEach(c -> spoken.put(c.key(), c.phrases().stream().map(FlowNode.Phrase::text).toList()));
        return input.choose(call, node.prompt(), node.timeout(), node.endSilence(), spoken).thenCompose(key -> {
            var chosen = node.choices().stream().filter(c -> c.key().equals(key)).findFirst();
            if (chosen.isEmpty() && attempt < node.retries()) {
                return language(call, node, attempt + 1);
            }
            String lang = chosen.map(FlowNode.LanguageChoice::language)
                    .orElse(node.fallback().isEmpty() ? call.flow().defaultLanguage() : node.fallback());
            return setLanguage(call, lang).thenApply(r -> {
                recorder.record(call, node, key, "language " + lang + (chosen.isEmpty() ? " (default)" : ""));
                return Transition.to(node.next());
            });
        });
    }

    /** Asterisk picks {@code sounds/<lang>/<prompt>} by the channel's language. */
    static CompletionStage<?> setLanguage(CallContext call, String lang) {
        call.language(lang);
        return call.agi().send(new SetVariableCommand("CHANNEL(language)", lang));
    }

    CompletionStage<Transition> menu(CallContext call, FlowNode.Menu node, int attempt) {
        Map<String, List<String>> spoken = new LinkedHashMap<>();
        node.options().forEach(o -> {
            List<FlowNode.Phrase> phrases = o.phrases().getOrDefault(call.language(), List.of());
            if (!phrases.isEmpty()) {
                spoken.put(o.key(), phrases.stream().map(FlowNode.Phrase::text).toList());
            }
        });
        return input.choose(call, node.prompt(), node.timeout(), node.endSilence(), spoken).thenCompose(key -> {
            var option = node.options().stream().filter(o -> o.key().equals(key)).findFirst();
            if (option.isPresent()) {
                recorder.record(call, node, key, "option " + key + " -> " + option.get().next().name());
                return CompletableFuture.completedFuture(Transition.to(option.get().next()));
            }
            String why = key.isEmpty() ? "no input" : "invalid key " + key;
            if (attempt < node.retries()) {
                recorder.record(call, node, key, why + ", retry " + (attempt + 1));
                return KeyInput.play(call, key.isEmpty() ? null : node.invalid())
                        .thenCompose(r -> menu(call, node, attempt + 1));
            }
            recorder.record(call, node, key, why + ", retries used -> " + node.fallback().name());
            return CompletableFuture.completedFuture(Transition.to(node.fallback()));
        });
    }

    CompletionStage<Transition> collect(CallContext call, FlowNode.Collect node, int attempt) {
        return KeyInput.digits(call, node.prompt(), node.timeout(), node.maxDigits()).thenCompose(digits -> {
            boolean valid = digits.length() >= node.minDigits() && digits.length() <= node.maxDigits()
                    && (node.pattern() == null || node.pattern().matcher(digits).matches());
            if (valid) {
                call.variables().put(node.into(), digits);
                recorder.record(call, node, digits, node.into() + "=" + digits);
                return CompletableFuture.completedFuture(Transition.to(node.next()));
            }
            String why = digits.isEmpty() ? "no input" : "invalid " + digits;
            if (attempt < node.retries()) {
                recorder.record(call, node, digits, why + ", retry " + (attempt + 1));
                return KeyInput.play(call, node.invalid()).thenCompose(r -> collect(call, node, attempt + 1));
            }
            recorder.record(call, node, digits, why + ", retries used -> " + node.fallback().name());
            return CompletableFuture.completedFuture(Transition.to(node.fallback()));
        });
    }
}
