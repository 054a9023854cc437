package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.ops.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ivr accounts ...}: the credentials an operator writes into config (docs/security.md). A password is read
 * from the terminal without echo (or from standard input), never from the command line, which shell histories and
 * {@code ps} keep; a token's secret is printed once and only its hash is written.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Make console password hashes and API tokens (see docs/security.md).",
        subcommands = {AccountsCommand.Password.class, AccountsCommand.Token.class})
public final class AccountsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ivr accounts password}: the passwordHash line for seats.yaml or supervisors.yaml. */
    @Command(name = "password", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Read a password (typed twice without echo on a terminal, else one line of standard input)"
                    + " and print its passwordHash for config/seats.yaml or config/supervisors.yaml.")
    static final class Password implements Callable<Integer> {

        static final int MIN_LENGTH = 8;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Where the password comes from when there is no terminal; a test sets its own. */
        java.io.InputStream stdin = System.in;

        @Override
        public Integer call() throws IOException {
            char[] password = read();
            try {
                if (password == null || password.length < MIN_LENGTH) {
                    spec.commandLine().getErr().println("a password needs at least " + MIN_LENGTH + " characters");
                    return 2;
                }
                spec.commandLine().getOut().println("passwordHash: "
                        + PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS));
                spec.commandLine().getOut().flush();
                return 0;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }

        private char[] read() throws IOException {
            Console console = System.console();
            if (console != null && stdin == System.in) {
                char[] first = console.readPassword("password: ");
                char[] again = console.readPassword("again: ");
                boolean same = first != null && Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    spec.commandLine().getErr().println("the two passwords differ");
                    return null;
                }
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
    }

    /** {@code ivr accounts token <id> --roles supervisor}: a machine client's bearer token. */
    @Command(name = "token", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Issue an API token for a machine client: print the token once and its entry for"
                    + " config/api-tokens.yaml (only a hash of the secret), or append the entry to --file.")
    static final class Token implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "the client's name: letters, digits, - and _")
        String id;

        @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
                description = "roles the token holds: seat, supervisor, admin, metrics (comma-separated)")
        List<String> roles;

        @Option(names = "--file", paramLabel = "FILE",
                description = "append the entry to this api-tokens.yaml (made if missing) instead of printing it")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Set<Role> wanted = new LinkedHashSet<>();
            for (String role : roles) {
                try {
                    wanted.add(Role.parse(role));
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("'" + role + "' is not a role: seat, supervisor, admin or metrics");
                    return 2;
                }
            }
            if (file != null && ApiTokens.load(file).entries().stream().anyMatch(entry -> entry.id().equals(id))) {
                spec.commandLine().getErr().println(file + " already has a token " + id
                        + ": remove its entry first to replace it");
                return 2;
            }
            ApiTokens.Issued issued;
            try {
                issued = ApiTokens.issue(id, wanted);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            String entry = "  - id: " + id + "\n    roles: [" + String.join(", ", wanted.stream().map(Role::label).toList())
                    + "]\n    hash: " + issued.entry().hash() + "\n";
            var out = spec.commandLine().getOut();
            out.println("token (give it to the client once, as \"Authorization: Bearer <token>\"; it is stored nowhere):");
            out.println(issued.token());
            if (file == null) {
                out.println("entry for config/api-tokens.yaml (under \"tokens:\"):");
                out.print(entry);
            } else if (appended(entry)) {
                out.println("entry appended to " + file + "; restart the node to accept it");
            } else {
                out.println(file + " does not end with a block list \"tokens:\"; add this entry under it by hand:");
                out.print(entry);
            }
            out.flush();
            return 0;
        }

        /** Writes the file with the entry only if the result reads back with it (else the file is left alone). */
        private boolean appended(String entry) throws IOException {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String next = text.isBlank()
                    ? "# Machine clients' API tokens (docs/security.md): only hashes of the secrets.\ntokens:\n" + entry
                    : text + (text.endsWith("\n") ? "" : "\n") + entry;
            Path draft = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(draft, next, StandardCharsets.UTF_8);
            try {
                if (ApiTokens.load(draft).entries().stream().noneMatch(e -> e.id().equals(id))) {
                    return false;
                }
                Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IllegalArgumentException e) {
                return false;
            } finally {
                Files.deleteIfExists(draft);
            }
            return true;
        }
    }
}
