package org.hotline.ivr.seat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.ops.ConfigProblem;
import org.hotline.ivr.ops.PasswordHash;
import org.hotline.ivr.ops.YamlNode;

/**
 * The accounts of one YAML file: {@code seats:} in seats.yaml, {@code supervisors:} in supervisors.yaml, each
 * entry with {@code id}, {@code name} and {@code passwordHash}, a supervisor also with {@code roles}; other keys
 * (skills, device ...) are the queue's.
 * Every bad entry is reported with the file, line and key at once.
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

    /**
     * A missing file is no accounts (a node without a console); a malformed one refuses to start, naming every bad
     * entry with file, line and key ({@code config/supervisors.yaml:7 supervisors[1].id: missing}).
     */
    public static AccountFile load(Path file, Role role) {
        if (file == null || !Files.isRegularFile(file)) {
            return new AccountFile(Map.of());
        }
        String section = role == Role.SEAT ? "seats" : "supervisors";
        List<ConfigProblem> problems = new ArrayList<>();
        YamlNode root = YamlNode.read(file, problems);
        YamlNode list = root.get(section);
        if (problems.isEmpty() && !list.present()) {
            list.problem(null, "needs a list '" + section + ":'");
        }
        Map<String, Account> byId = new LinkedHashMap<>();
        for (YamlNode entry : list.items()) {
            YamlNode idNode = entry.get("id");
            String id = idNode.text("");
            if (id.isBlank()) {
                idNode.problem(null, "missing");
            } else if (byId.containsKey(id)) {
                idNode.problem(id, "appears twice");
            }
            String hash = entry.get("passwordHash").text("");
            if (!PasswordHash.wellFormed(hash)) {
                // The value is not echoed: a password typed where its hash belongs must not reach a log.
                entry.get("passwordHash").problem("(hidden)", "must be pbkdf2-sha256$<iterations>$<salt>$<hash>");
            }
            byId.put(id, new Account(id, entry.get("name").text(id), roles(entry.get("roles"), role), hash));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("\n")));
        }
        return new AccountFile(byId);
    }

    /**
     * Every account of supervisors.yaml supervises; {@code roles: [admin]} adds administration. A seat is a seat
     * whatever else its entry says.
     */
    private static Set<Role> roles(YamlNode list, Role role) {
        Set<Role> roles = new LinkedHashSet<>(Set.of(role));
        if (role == Role.SEAT || !list.present()) {
            return roles;
        }
        for (YamlNode item : list.itemsOrOne()) {
            String text = item.text("");
            if (text.equals("supervisor") || text.equals("admin")) {
                roles.add(Role.parse(text));
            } else {
                item.problem(text, "is not a role; supervisor or admin");
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
