package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechModelsTest {

    @TempDir
    Path temp;

    @Test
    void theVoskNativeLibraryLoadsOnThisPlatform() {
        VoskNative.load();
    }

    @Test
    void aFolderThatIsNotAModelIsRejectedBeforeVoskSeesIt() throws Exception {
        Files.createDirectories(temp.resolve("zh/conf"));
        assertThatThrownBy(() -> VoskNative.loadModel(temp.resolve("zh")))
                .isInstanceOf(ModelInvalidException.class)
                .hasMessageContaining("is not a Vosk model: missing am/final.mdl, conf/model.conf, conf/mfcc.conf, graph/HCLG.fst");
    }

    @Test
    void junkInTheRightPlacesIsAClearErrorNotANativeCrash() throws Exception {
        Path fake = FakeModels.folder(temp.resolve("en"));
        assertThatThrownBy(() -> VoskNative.loadModel(fake))
                .isInstanceOf(ModelInvalidException.class)
                .hasMessageContaining("Vosk could not load the model in " + fake);
    }

    @Test
    void withoutModelsEveryManifestLanguageIsReportedAsHavingNoSpeech() throws Exception {
        try (SpeechModels models = SpeechModels.start(temp)) {
            models.loaded().get(10, TimeUnit.SECONDS);
            assertThat(models.statuses().keySet()).contains("zh", "en", "ja", "ko", "ru", "fr", "de", "es");
            assertThat(models.model("zh")).isEmpty();
            assertThat(models.status("zh-CN").describe()).startsWith("no model").contains("./ivr models install zh");
            HealthCheck.Status health = models.health().check();
            assertThat(health.up()).isTrue();
            assertThat(health.required()).isFalse();
            assertThat(((Map<?, ?>) health.detail()).containsKey("en")).isTrue();
        }
    }

    @Test
    void aBrokenModelFolderFailsThatLanguageOnlyAndSaysWhy() throws Exception {
        FakeModels.folder(temp.resolve("en"));
        Files.createDirectories(temp.resolve("vosk-model-small-cn-0.22"));
        try (SpeechModels models = SpeechModels.start(temp)) {
            models.loaded().get(30, TimeUnit.SECONDS);
            assertThat(models.status("en").state()).isEqualTo(LanguageStatus.State.FAILED);
            assertThat(models.status("en").detail()).contains("Vosk could not load the model");
            assertThat(models.status("zh").state()).isEqualTo(LanguageStatus.State.FAILED);
            assertThat(models.status("zh").detail()).contains("is not a Vosk model");
            assertThat(models.status("fr").state()).isEqualTo(LanguageStatus.State.NO_MODEL);
            assertThat(models.summary()).contains("en failed").contains("zh failed").contains("fr no_model");
        }
    }

    @Test
    void theRepositoryManifestListsEveryHotlineLanguage() throws Exception {
        ModelManifest manifest = ModelManifest.builtIn();
        assertThat(manifest.languages()).contains("zh", "en", "ja", "ko", "ru", "fr", "de", "es");
        ModelEntry zh = manifest.entry("zh").orElseThrow();
        assertThat(zh.name()).startsWith("vosk-model");
        assertThat(zh.url().toString()).endsWith(zh.name() + ".zip");
        assertThat(zh.sampleRate()).isEqualTo(16000);
    }

    @Test
    void aBadManifestNamesTheFileTheLanguageAndTheField() throws Exception {
        Path file = temp.resolve("models.yaml");
        Files.writeString(file, "models:\n  zh:\n    name: vosk-model-small-cn-0.22\n    url: ftp://x\n"
                + "    sampleRate: 44100\n    sha256: abc\n");
        assertThatThrownBy(() -> ModelManifest.load(file))
                .hasMessageContaining(file + ":4 models.zh.url = 'ftp://x': must be an http(s) URL")
                .hasMessageContaining(file + ":6 models.zh.sha256 = 'abc': must be 64 hex digits")
                .hasMessageContaining(file + ":5 models.zh.sampleRate = '44100': must be 8000 or 16000");
    }
}
