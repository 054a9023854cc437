package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hotline.ivr.ops.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ivr models list | install <lang>... | verify}: the Vosk models of this installation. */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = org.hotline.ivr.ops.VersionProvider.class,
        description = "List, install and verify the Vosk speech models (speech-models/models.yaml).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Install.class, ModelsCommand.Verify.class})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models-dir", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Model directory (default: IVR_SPEECH_MODELS, speech.models, or speech-models).")
    Path modelsDir;

    @Option(names = "--manifest", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Models manifest (default: models.yaml in the model directory, speech-models/models.yaml, built-in).")
    Path manifestFile;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    Path modelsDir() {
        return modelsDir != null ? modelsDir : new ConfigLoader(System.getenv()).load(null).speechModels();
    }

    ModelManifest manifest() throws IOException {
        return manifestFile != null ? ModelManifest.load(manifestFile) : ModelManifest.locate(modelsDir());
    }

    /** Where a language's model is, if it is installed (by manifest name or by language code). */
    Path installed(ModelEntry entry) {
        for (Path candidate : List.of(modelsDir().resolve(entry.name()), modelsDir().resolve(entry.language()))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Command(name = "list", description = "Show every language's model and whether it is installed.")
    static final class ListModels implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.spec.commandLine().getOut();
            ModelManifest manifest = parent.manifest();
            out.printf("Models in %s (manifest %s)%n", parent.modelsDir().toAbsolutePath(), manifest.file());
            out.printf("%-5s %-30s %6s %-9s %s%n", "lang", "model", "size", "sha256", "installed");
            for (String lang : manifest.languages()) {
                ModelEntry entry = manifest.entry(lang).orElseThrow();
                Path at = parent.installed(entry);
                out.printf("%-5s %-30s %6s %-9s %s%n", lang, entry.name(), entry.size(),
                        entry.pinned() ? "pinned" : "unpinned", at == null ? "no" : "yes (" + at + ")");
            }
            return 0;
        }
    }

    @Command(name = "install", description = "Download, check and unpack the models of the given languages.")
    static final class Install implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Parameters(arity = "1..*", paramLabel = "<lang>", description = "Language codes, e.g. zh en.")
        List<String> languages;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = parent.spec.commandLine().getErr();
            ModelManifest manifest = parent.manifest();
            ModelInstaller installer = new ModelInstaller(parent.modelsDir(), System.err);
            int failures = 0;
            for (String lang : languages) {
                var entry = manifest.entry(SpeechModels.baseLanguage(lang));
                if (entry.isEmpty()) {
                    err.println(lang + ": not in " + manifest.file() + " (known: " + String.join(" ", manifest.languages()) + ")");
                    failures++;
                    continue;
                }
                try {
                    installer.install(entry.get());
                    parent.spec.commandLine().getOut().println(lang + ": ready in " + installer.target(entry.get()));
                } catch (ModelInstallException e) {
                    err.println(lang + ": " + e.getMessage());
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    @Command(name = "verify", description = "Check every installed model (files, and with --load, Vosk loading it).")
    static final class Verify implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Option(names = "--load", description = "Also load each model with Vosk (slow, needs memory).")
        boolean load;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.spec.commandLine().getOut();
            int bad = 0;
            int found = 0;
            for (Map.Entry<String, ModelEntry> e : new java.util.TreeMap<>(parent.manifest().models()).entrySet()) {
                Path at = parent.installed(e.getValue());
                if (at == null) {
                    continue;
                }
                found++;
                try {
                    if (load) {
                        VoskNative.loadModel(at).close();
                    } else {
                        ModelDirectory.check(at);
                    }
                    out.println(e.getKey() + ": ok " + at);
                } catch (ModelInvalidException problem) {
                    out.println(e.getKey() + ": INVALID " + problem.getMessage());
                    bad++;
                }
            }
            if (found == 0) {
                out.println("no models installed in " + parent.modelsDir().toAbsolutePath() + " (./ivr models install zh en)");
            }
            return bad == 0 ? 0 : 1;
        }
    }
}
