package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.ConfigReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ./ivr config reference}: every configuration key, its default, environment variable and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The server's configuration keys.", subcommands = {ConfigCommand.Reference.class})
public final class ConfigCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reference", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the configuration reference as a Markdown table (made from the built-in"
                    + " defaults and their comments; docs/operations.md holds the same table).")
    static final class Reference implements Runnable {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(ConfigReference.ofDefaults().markdown());
            spec.commandLine().getOut().flush();
        }
    }
}
