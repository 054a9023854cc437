package org.hotline.ivr.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.ivr.ops.PasswordHash;

/**
 * Machine clients' bearer tokens (an external work-order system, a scraper), from {@code config/api-tokens.yaml}:
 * <pre>
 * tokens:
 *   - id: workorder-sync
 *     roles: [supervisor]
 *     hash: pbkdf2-sha256$1000$...$...
 * </pre>
 * A token is {@code <id>.<secret>}, sent as {@code Authorization: Bearer <id>.<secret>}; the file holds only the
 * hash of the secret (the {@link PasswordHash} format), so a copy of the file lets nobody in. The secret is 32
 * random bytes, which is why a modest iteration count is enough. {@code ivr accounts token} issues one.
 */
public final class ApiTokens implements Authenticator {

    /** One client's token as the file holds it. */
    public record Entry(String id, Set<Role> roles, String hash) {
        public Entry {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "Entry[id=" + id + ", roles=" + roles + ", hash=****]";
        }
    }

    /** A new token: {@code token} goes to the client once, {@code entry} into the file. */
    public record Issued(String token, Entry entry) {
    }

    static final int ITERATIONS = 1000;

    private final Map<String, Entry> byId;

    private ApiTokens(Map<String, Entry> byId) {
        this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId)); // in the file's order
    }

    public static ApiTokens of(List<Entry> entries) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(entry -> byId.put(entry.id(), entry));
        return new ApiTokens(byId);
    }

    /** A new token for {@code id} ({@code ivr accounts token} prints it): the secret is 32 random bytes. */
    public static Issued issue(String id, Set<Role> roles) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("token id: letters, digits, - and _ only, at most 64");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(id + "." + text, new Entry(id, roles, PasswordHash.create(text.toCharArray(), ITERATIONS)));
    }

    /** A missing file is no tokens; a malformed one refuses to start, naming every bad entry. */
    public static ApiTokens load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return of(List.of());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("tokens");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": needs a list 'tokens:'");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(list.get(i), file + ": tokens[" + i + "]", seen, problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return of(entries);
    }

    private static Entry entry(JsonNode node, String where, Set<String> seen, List<String> problems) {
        String id = node.path("id").asText("");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            problems.add(where + ".id: letters, digits, - and _ only, at most 64");
        } else if (!seen.add(id)) {
            problems.add(where + ".id: " + id + " appears twice");
        }
        String hash = node.path("hash").asText("");
        if (!PasswordHash.wellFormed(hash)) {
            problems.add(where + ".hash: must be pbkdf2-sha256$<iterations>$<salt>$<hash> (make one with ApiTokens)");
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (JsonNode role : node.path("roles")) {
            try {
                roles.add(Role.parse(role.asText("")));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".roles: '" + role.asText("") + "' is not a role; seat, supervisor, admin or metrics");
            }
        }
        if (roles.isEmpty()) {
            problems.add(where + ".roles: at least one of seat, supervisor, admin, metrics");
        }
        return new Entry(id, roles, hash);
    }

    public List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    @Override
    public boolean presented(WebRequest request) {
        return request.bearer().filter(token -> token.indexOf('.') > 0).isPresent();
    }

    @Override
    public List<Principal> principals(WebRequest request) {
        String token = request.bearer().orElse("");
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 200) {
            return List.of();
        }
        Entry entry = byId.get(token.substring(0, dot));
        if (entry == null || !PasswordHash.verify(token.substring(dot + 1).toCharArray(), entry.hash())) {
            return List.of();
        }
        return List.of(Principal.token(entry.id(), entry.roles()));
    }
}
