package org.hotline.ivr.http;

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
import java.util.stream.Collectors;
import org.hotline.ivr.ops.ConfigProblem;
import org.hotline.ivr.ops.PasswordHash;
import org.hotline.ivr.ops.YamlNode;

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

    /**
     * A missing file is no tokens; a malformed one refuses to start, naming every bad entry with file, line and key
     * ({@code config/api-tokens.yaml:4 tokens[0].roles[1] = 'root': is not a role ...}).
     */
    public static ApiTokens load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return of(List.of());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        YamlNode list = YamlNode.read(file, problems).get("tokens");
        if (problems.isEmpty() && !list.present()) {
            list.problem(null, "needs a list 'tokens:'");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            entries.add(entry(item, seen));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("\n")));
        }
        return of(entries);
    }

    private static Entry entry(YamlNode node, Set<String> seen) {
        YamlNode idNode = node.get("id");
        String id = idNode.text("");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            idNode.problem(id, "letters, digits, - and _ only, at most 64");
        } else if (!seen.add(id)) {
            idNode.problem(id, "appears twice");
        }
        String hash = node.get("hash").text("");
        if (!PasswordHash.wellFormed(hash)) {
            // Not echoed: a token pasted where its hash belongs must not reach a log.
            node.get("hash").problem("(hidden)", "must be pbkdf2-sha256$<iterations>$<salt>$<hash> (make one with"
                    + " ./ivr accounts token)");
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (YamlNode role : node.get("roles").itemsOrOne()) {
            String text = role.text("");
            try {
                roles.add(Role.parse(text));
            } catch (IllegalArgumentException e) {
                role.problem(text, "is not a role; seat, supervisor, admin or metrics");
            }
        }
        if (roles.isEmpty() && node.get("roles").items().isEmpty()) {
            node.get("roles").problem(null, "at least one of seat, supervisor, admin, metrics");
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
