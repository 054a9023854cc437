package org.hotline.ivr.agi;

import java.util.List;
import java.util.Map;

/**
 * The {@code agi_*} environment Asterisk sends when a call enters {@code AGI(agi://host/script?a=b,arg1,...)}.
 *
 * @param script    the script name from {@code agi_network_script}, without query string or leading slash
 * @param arguments {@code agi_arg_1 ... agi_arg_N} in order
 * @param variables every variable as sent, keyed without the {@code agi_} prefix
 */
public record AgiRequest(String script, List<String> arguments, Map<String, String> variables) {

    public AgiRequest {
        arguments = List.copyOf(arguments);
        variables = Map.copyOf(variables);
    }

    public String get(String name) {
        return variables.getOrDefault(name, "");
    }

    /** Asterisk's unique id of the channel; our call id everywhere. */
    public String uniqueId() {
        return get("uniqueid");
    }

    public String channel() {
        return get("channel");
    }

    public String callerId() {
        return get("callerid");
    }

    public String language() {
        return get("language");
    }

    public String extension() {
        return get("extension");
    }

    public String context() {
        return get("context");
    }

    /** E.g. {@code 22.10.1}; empty if Asterisk did not say. */
    public String asteriskVersion() {
        return get("version");
    }
}
