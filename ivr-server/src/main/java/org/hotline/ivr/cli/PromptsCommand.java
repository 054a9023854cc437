package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.hotline.ivr.flow.FlowProblem;
import org.hotline.ivr.flow.PromptAudioBuilder;
import org.hotline.ivr.flow.PromptCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ivr prompts build --out DIR}: audio for every prompt and language, in Asterisk's sounds layout. */
@Command(name = "prompts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Prompt audio for the flows.", subcommands = {PromptsCommand.Build.class})
public final class PromptsCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Write OUT/<lang>/<prompt>.wav (8 kHz mono): recorded audio where present, else espeak-ng"
                    + " speech when installed, else a beep; list prompts lacking a recording.")
    static final class Build implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write (e.g. /var/lib/asterisk/sounds)")
        Path out;

        @Option(names = "--flows", defaultValue = "call-flows", paramLabel = "DIR", description = "flows directory (default ${DEFAULT-VALUE})")
        Path flows;

        @Option(names = "--recorded", paramLabel = "DIR", description = "human recordings, <lang>/<prompt>.wav (default FLOWS/sounds)")
        Path recorded;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var problems = new ArrayList<FlowProblem>();
            PromptCatalog catalog = PromptCatalog.load(flows.resolve("prompts"), problems);
            problems.forEach(out::println);
            if (catalog.all().isEmpty()) {
                throw new IllegalArgumentException("no prompts in " + flows.resolve("prompts"));
            }
            var espeak = PromptAudioBuilder.findEspeak();
            if (espeak.isEmpty()) {
                out.println("espeak-ng is not installed: prompts without a recording get a beep (apt-get install espeak-ng)");
            }
            PromptAudioBuilder.Report report = new PromptAudioBuilder(catalog,
                    recorded != null ? recorded : flows.resolve("sounds"), espeak).build(this.out);
            out.printf("wrote %s: %d recorded, %d synthesized, %d beeps%n", this.out, report.recorded(),
                    report.synthesized(), report.beeps());
            out.printf("%d prompt(s) lack a recording:%n", report.lackingRecording().size());
            report.lackingRecording().forEach(p -> out.println("  " + p));
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }
}
