package org.hotline.ivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotline.ivr.IvrCommand;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.Principal;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.WebRequest;
import org.hotline.ivr.ops.PasswordHash;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ivr accounts}: the password hash it prints opens the account, the token it prints is the one whose hash it
 * wrote (with the roles asked), and it refuses what would make a broken or ambiguous file. FrontDoorTest makes its
 * tokens file with this command and uses the tokens over TCP against a real node.
 */
class AccountsCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        AccountsCommand.Password password = new AccountsCommand.Password();
        password.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(new IvrCommand(), new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                return type == AccountsCommand.Password.class ? (K) password : CommandLine.defaultFactory().create(type);
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void thePrintedPasswordHashOpensTheAccountAndAShortPasswordIsRefused() {
        Run made = run("correct horse battery\n", "accounts", "password");
        assertThat(made.exit()).as(made.err()).isZero();
        String hash = made.out().strip().substring("passwordHash: ".length());
        assertThat(PasswordHash.wellFormed(hash)).isTrue();
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(made.out()).doesNotContain("correct horse");

        Run tooShort = run("short\n", "accounts", "password");
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.err()).contains("at least 8");
        assertThat(tooShort.out()).isEmpty();
    }

    @Test
    void aTokenAppendedToTheFileProvesItsRolesAndOnlyItsHashIsWritten() throws Exception {
        Path file = dir.resolve("api-tokens.yaml");
        Run first = run("", "accounts", "token", "workorder-sync", "--roles", "supervisor", "--file", file.toString());
        Run second = run("", "accounts", "token", "deploy", "--roles", "admin,supervisor", "--file", file.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        String token = tokenOf(first);
        String other = tokenOf(second);
        String text = Files.readString(file);
        assertThat(text).doesNotContain(token.substring(token.indexOf('.') + 1))
                .doesNotContain(other.substring(other.indexOf('.') + 1));

        ApiTokens tokens = ApiTokens.load(file);
        assertThat(tokens.entries()).extracting(ApiTokens.Entry::id).containsExactly("workorder-sync", "deploy");
        assertThat(tokens.principals(bearer(token))).extracting(Principal::roles).containsExactly(java.util.Set.of(Role.SUPERVISOR));
        assertThat(tokens.principals(bearer(other))).extracting(Principal::roles)
                .containsExactly(java.util.Set.of(Role.ADMIN, Role.SUPERVISOR));
        assertThat(tokens.principals(bearer(token + "x"))).isEmpty();
        assertThat(tokens.principals(bearer("deploy" + token.substring(token.indexOf('.'))))).isEmpty();

        Run again = run("", "accounts", "token", "deploy", "--roles", "admin", "--file", file.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already has a token deploy");
        Run badRole = run("", "accounts", "token", "x", "--roles", "root", "--file", file.toString());
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("'root' is not a role");
        Run badId = run("", "accounts", "token", "a b", "--roles", "admin", "--file", file.toString());
        assertThat(badId.exit()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void withoutAFileTheEntryIsPrintedAndAFileItCannotExtendIsLeftAlone() throws Exception {
        Run printed = run("", "accounts", "token", "scraper", "--roles", "metrics");
        assertThat(printed.exit()).isZero();
        assertThat(printed.out()).contains("  - id: scraper\n    roles: [metrics]\n    hash: pbkdf2-sha256$");

        Path flow = dir.resolve("flow-style.yaml");
        Files.writeString(flow, "tokens: []\n");
        Run refused = run("", "accounts", "token", "scraper", "--roles", "metrics", "--file", flow.toString());
        assertThat(refused.exit()).isZero();
        assertThat(refused.out()).contains("add this entry under it by hand").contains("  - id: scraper");
        assertThat(Files.readString(flow)).isEqualTo("tokens: []\n");
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).doesNotContain("flow-style.yaml.new");
    }

    static String tokenOf(Run run) {
        List<String> lines = run.out().lines().toList();
        return lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("token (")).findFirst().orElseThrow()) + 1);
    }

    private static WebRequest bearer(String token) {
        return new WebRequest(HttpMethod.GET, "/api/queues", new DefaultHttpHeaders().set("Authorization", "Bearer " + token),
                new byte[0], null);
    }
}
