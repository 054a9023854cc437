package org.hotline.ivr.seat;

/** Someone who may log in: a seat operator or a supervisor. The hash is never printed. */
public record Account(String id, String name, Role role, String passwordHash) {

    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", role=" + role + ", passwordHash=****]";
    }
}
