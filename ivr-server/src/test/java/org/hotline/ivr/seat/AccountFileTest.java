package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.ops.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountFileTest {

    @TempDir
    Path dir;

    @Test
    void badEntriesAreAllReportedWithFileAndEntry() throws Exception {
        Path file = dir.resolve("supervisors.yaml");
        Files.writeString(file, """
                supervisors:
                  - id: "9001"
                    passwordHash: plain-text-password
                  - name: nobody
                    passwordHash: pbkdf2-sha256$1000$AAAA$BBBB
                  - id: "9002"
                    passwordHash: pbkdf2-sha256$1000$AAAA$BBBB
                    roles: [boss]
                  - id: "9001"
                    passwordHash: pbkdf2-sha256$1000$AAAA$BBBB
                """);
        assertThatThrownBy(() -> AccountFile.load(file, Role.SUPERVISOR))
                .hasMessageContaining(file + ":3 supervisors[0].passwordHash")
                .hasMessageContaining(file + ":4 supervisors[1].id = (missing): missing")
                .hasMessageContaining(file + ":8 supervisors[2].roles[0] = 'boss': is not a role")
                .hasMessageContaining(file + ":9 supervisors[3].id = '9001': appears twice")
                .as("what was typed where the hash belongs is not repeated").hasMessageNotContaining("plain-text-password");
    }

    @Test
    void aSupervisorsRolesMayBeOneOrAList() throws Exception {
        Path file = dir.resolve("supervisors.yaml");
        String hash = PasswordHash.create("x".toCharArray(), 1000);
        Files.writeString(file, "supervisors:\n  - {id: \"9001\", roles: admin, passwordHash: " + hash + "}\n"
                + "  - {id: \"9002\", roles: [supervisor], passwordHash: " + hash + "}\n");
        AccountFile accounts = AccountFile.load(file, Role.SUPERVISOR);
        assertThat(accounts.find("9001").orElseThrow().roles()).contains(Role.SUPERVISOR, Role.ADMIN);
        assertThat(accounts.find("9002").orElseThrow().roles()).containsExactly(Role.SUPERVISOR);
    }

    @Test
    void theRightPasswordMatchesItsHashAndNothingElseDoes() throws Exception {
        Path file = dir.resolve("seats.yaml");
        Files.writeString(file, "seats:\n  - id: \"1001\"\n    name: Wang Fang\n    skills: {general: 8}\n    passwordHash: "
                + PasswordHash.create("demo1001".toCharArray(), 1000) + "\n");
        Account account = AccountFile.load(file, Role.SEAT).find("1001").orElseThrow();
        assertThat(account.name()).isEqualTo("Wang Fang");
        assertThat(PasswordHash.verify("demo1001".toCharArray(), account.passwordHash())).isTrue();
        assertThat(PasswordHash.verify("demo1002".toCharArray(), account.passwordHash())).isFalse();
        assertThat(PasswordHash.verify("demo1001".toCharArray(), "not-a-hash")).isFalse();
        assertThat(account.toString()).doesNotContain(account.passwordHash());
    }

    @Test
    void aMissingFileMeansNoAccounts() {
        assertThat(AccountFile.load(dir.resolve("absent.yaml"), Role.SUPERVISOR).all()).isEmpty();
    }
}
