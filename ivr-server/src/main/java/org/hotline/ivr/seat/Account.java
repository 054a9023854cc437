package org.hotline.ivr.seat;

import java.util.Set;
import org.hotline.ivr.http.Role;

/**
 * Someone who may log in: a seat operator (role seat) or a supervisor (supervisor, and admin where
 * supervisors.yaml says so). The hash is never printed.
 */
public record Account(String id, String name, Set<Role> roles, String passwordHash) {

    public Account {
        roles = Set.copyOf(roles);
    }

    public Account(String id, String name, Role role, String passwordHash) {
        this(id, name, Set.of(role), passwordHash);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", roles=" + roles + ", passwordHash=****]";
    }
}
