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
                """);
        assertThatThrownBy(() -> AccountFile.load(file, Role.SUPERVISOR))
                .hasMessageContaining(file + ": supervisors[0].passwordHash")
                .hasMessageContaining(file + ": supervisors[1].id: missing");
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
