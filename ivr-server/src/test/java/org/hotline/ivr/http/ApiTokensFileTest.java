package org.hotline.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** api-tokens.yaml as an operator edits it: every bad entry named with file, line and key, and no secret repeated. */
class ApiTokensFileTest {

    @TempDir
    Path dir;

    @Test
    void everyBadEntryIsNamedWithItsLineAndNoSecretIsRepeated() throws Exception {
        String good = ApiTokens.issue("deploy", java.util.Set.of(Role.ADMIN)).entry().hash();
        Path file = dir.resolve("api-tokens.yaml");
        Files.writeString(file, """
                tokens:
                  - id: deploy
                    roles: [admin, root]
                    hash: %s
                  - id: deploy
                    roles: metrics
                    hash: the-secret-itself
                  - id: "a b"
                    hash: %s
                """.formatted(good, good));
        assertThatThrownBy(() -> ApiTokens.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ":3 tokens[0].roles[1] = 'root': is not a role")
                .hasMessageContaining(file + ":5 tokens[1].id = 'deploy': appears twice")
                .hasMessageContaining(file + ":7 tokens[1].hash = '(hidden)': must be pbkdf2-sha256")
                .hasMessageContaining(file + ":8 tokens[2].id = 'a b': letters, digits, - and _ only")
                .hasMessageContaining(file + ":8 tokens[2].roles = (missing): at least one of")
                .hasMessageNotContaining("the-secret-itself");
    }

    @Test
    void aWellFormedFileLoadsWithOneRoleOrAList() throws Exception {
        String hash = ApiTokens.issue("x", java.util.Set.of(Role.ADMIN)).entry().hash();
        Path file = dir.resolve("api-tokens.yaml");
        Files.writeString(file, "tokens:\n  - {id: wall, roles: supervisor, hash: " + hash + "}\n"
                + "  - {id: ops, roles: [admin, metrics], hash: " + hash + "}\n");
        assertThat(ApiTokens.load(file).entries()).extracting(ApiTokens.Entry::id, ApiTokens.Entry::roles)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wall", java.util.Set.of(Role.SUPERVISOR)),
                        org.assertj.core.groups.Tuple.tuple("ops", java.util.Set.of(Role.ADMIN, Role.METRICS)));
    }
}
