package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.ops.PasswordHash;

/**
 * The accounts of one YAML file: {@code seats:} in seats.yaml, {@code supervisors:} in supervisors.yaml, each
 * entry with {@code id}, {@code name} and {@code passwordHash}, a supervisor also with {@code roles}; other keys
 * (skills, device ...) are the queue's.
 * Every bad entry is reported with the file and entry at once.
 */
public final class AccountFile {

    private final Map<String, Account> accounts;

    private AccountFile(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    public static AccountFile of(List<Account> accounts) {
        Map<String, Account> byId = new LinkedHashMap<>();
        accounts.forEach(account -> byId.put(account.id(), account));
        return new AccountFile(byId);
    }

    /** A missing file is no accounts (a node without a console); a malformed one refuses to start. */
    public static AccountFile load(Path file, Role role) {
        if (file == null || !Files.isRegularFile(file)) {
            return new AccountFile(Map.of());
        }
        String section = role == Role.SEAT ? "seats" : "supervisors";
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get(section);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": needs a list '" + section + ":'");
        }
        Map<String, Account> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = file + ": " + section + "[" + i + "]";
            String id = entry.path("id").asText("");
            String hash = entry.path("passwordHash").asText("");
            if (id.isBlank()) {
                problems.add(where + ".id: missing");
            } else if (byId.containsKey(id)) {
                problems.add(where + ".id: " + id + " appears twice");
            }
            if (!PasswordHash.wellFormed(hash)) {
                problems.add(where + ".passwordHash: must be pbkdf2-sha256$<iterations>$<salt>$<hash>");
            }
            byId.put(id, new Account(id, entry.path("name").asText(id), roles(entry, role, where, problems), hash));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new AccountFile(byId);
    }

    /**
     * Every account of supervisors.yaml supervises; {@code roles: [admin]} adds administration. A seat is a seat
     * whatever else its entry says.
     */
    private static Set<Role> roles(JsonNode entry, Role role, String where, List<String> problems) {
        Set<Role> roles = new LinkedHashSet<>(Set.of(role));
        JsonNode list = entry.get("roles");
        if (role == Role.SEAT || list == null) {
            return roles;
        }
        for (JsonNode item : list.isArray() ? list : List.of(list)) {
            String text = item.asText("");
            if (text.equals("supervisor") || text.equals("admin")) {
                roles.add(Role.parse(text));
            } else {
                problems.add(where + ".roles: '" + text + "' is not a role; supervisor or admin");
            }
        }
        return roles;
    }

    public Optional<Account> find(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public List<Account> all() {
        return List.copyOf(accounts.values());
    }
}
