package org.hotline.ivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.hotline.ivr.IvrCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IvrCommandTest {

    private static String run(String... args) {
        CommandLine cli = new CommandLine(new IvrCommand());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        assertThat(exit).as("exit status of ivr %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void everyCommandAnswersHelpAndVersion() {
        CommandLine cli = new CommandLine(new IvrCommand());
        assertThat(cli.getSubcommands()).containsKeys("serve", "demo");
        for (String name : cli.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            assertThat(run(name, "--help")).as(name).contains("Usage: ivr " + name);
            assertThat(run(name, "--version")).as(name).startsWith("ivr ");
        }
        assertThat(run("--version")).startsWith("ivr ");
        assertThat(run()).contains("Commands:");
    }
}
