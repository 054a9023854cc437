package org.hotline.ivr.order;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivr order draft --lang zh --text "..." [--json] [--received 2026-12-02T17:05]} or {@code --file F}
 * (one description a line).
 */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = "Print the draft a description would get: category, location, urgency, unit and the deciding phrases.")
final class OrderDraftCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = Json.mapper();

    @CommandLine.Mixin
    OrderCommand.RulesOption rules = new OrderCommand.RulesOption();

    @Option(names = "--lang", defaultValue = "zh", description = "language of the description (default: ${DEFAULT-VALUE})")
    String language;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--json", description = "one JSON object per description")
    boolean json;

    @Option(names = "--menu", split = ",", paramLabel = "STEP",
            description = "the call's menu path, comma-separated (e.g. language:zh,heating)")
    List<String> menu = List.of();

    @Option(names = "--received", paramLabel = "TIME",
            description = "when the call was accepted, local time (2026-12-02T17:05) or with an offset; default: now")
    String received;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai",
            description = "the flow's time zone for --received and the deadline (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Input {
        @Option(names = "--text", description = "one description") String text;
        @Option(names = "--file", description = "a UTF-8 file, one description per line") Path file;
    }

    @Override
    public Integer call() throws IOException {
        OrderRules loaded = rules.load();
        List<String> texts = input.file == null ? List.of(input.text)
                : Files.readAllLines(input.file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Instant at = receivedAt();
        PrintWriter out = spec.commandLine().getOut();
        for (String text : texts) {
            Assessment a = loaded.assess(language, text, menu);
            String dispatchBy = loaded.deadlines().format(at, a.urgency().level(), zone);
            out.println(json ? asJson(text, a, dispatchBy) : asText(text, a, dispatchBy, texts.size() > 1));
        }
        out.flush();
        return 0;
    }

    private Instant receivedAt() {
        if (received == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(received).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(received).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--received: '" + received + "' is not a time like 2026-12-02T17:05 or 2026-12-02T17:05+08:00");
            }
        }
    }

    private String asJson(String text, Assessment a, String dispatchBy) throws JsonProcessingException {
        return JSON.writeValueAsString(java.util.Map.of("language", language, "text", text, "draft", a,
                "dispatchBy", dispatchBy));
    }

    private static String asText(String text, Assessment a, String dispatchBy, boolean many) {
        Classification c = a.classification();
        Location l = a.location();
        Urgency u = a.urgency();
        StringBuilder out = new StringBuilder();
        if (many) {
            out.append("text:      ").append(text).append('\n');
        }
        out.append("category:  ").append(c.category()).append(c.subCategory().isEmpty() ? "" : "/" + c.subCategory())
                .append(String.format("  (score %.2f: %s)%n", c.score(), String.join(", ", c.phrases())));
        out.append("location:  ").append(l.known() ? l.district() + " " + l.street() + " " + l.community() : "(unknown)")
                .append("  (").append(String.join(", ", l.phrases())).append(")\n");
        out.append("urgency:   ").append(u.level().id()).append(u.emergency() ? "  DIAL " + u.dial() + " NOW" : "")
                .append("  (").append(String.join(", ", u.rules())).append(u.phrases().isEmpty() ? "" : ": ")
                .append(String.join(", ", u.phrases())).append(")\n");
        out.append("unit:      ").append(a.unit()).append('\n');
        out.append("dispatch:  by ").append(dispatchBy).append('\n');
        out.append("summary:   ").append(a.summary()).append('\n');
        return out.toString();
    }
}
