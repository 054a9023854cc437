package org.hotline.ivr.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped articles under {@code config/knowledge/}, searched through Lucene with SmartChinese. */
class KnowledgeBaseTest {

    private static final Path SHIPPED = Path.of("..", "config", "knowledge");
    private static final Set<String> CATEGORIES = Set.of("heating", "heating/not-warm", "heating/heating-fee",
            "city-management", "city-management/garbage");
    static KnowledgeBase shipped;

    @BeforeAll
    static void index() {
        shipped = KnowledgeBase.start(new ArticleFolder(SHIPPED, code -> true));
    }

    @Test
    void everyShippedArticleReadsWithoutProblemsAndHasBothLanguages() {
        ArticleFolder.Reading reading = new ArticleFolder(SHIPPED, code -> true).read();
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.articles()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(reading.articles()).extracting(Article::language).contains("zh", "en");
    }

    @Test
    void aChineseQuestionFindsTheHeatingSeasonArticleWithTheMatchedWordsMarked() {
        List<ArticleHit> hits = shipped.search("今年什么时候开始供暖", "", "zh", 5);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).id()).isEqualTo("heating-season.zh");
        ArticleHit first = hits.get(0);
        assertThat(first.marks()).isNotEmpty();
        assertThat(first.marks()).allSatisfy(mark ->
                assertThat(first.snippet().substring(mark[0], mark[1])).isIn("供暖", "开始", "什么", "时候", "今年"));
    }

    @Test
    void chineseWordsAreSegmentedNotMatchedAsSubstrings() {
        // "垃圾分类" is segmented into 垃圾 + 分类; the sorting article is first, not any text containing 类.
        assertThat(shipped.search("垃圾分类怎么分", "", "zh", 3).get(0).id()).isEqualTo("garbage-sorting.zh");
        assertThat(shipped.search("房产证怎么办理", "", "zh", 3)).extracting(ArticleHit::id).contains("property-deed.zh");
        assertThat(shipped.search("异地就医备案", "", "zh", 3).get(0).id()).isEqualTo("medical-offsite.zh");
    }

    @Test
    void anEnglishQuestionIsStemmedAndFindsTheEnglishArticle() {
        List<ArticleHit> hits = shipped.search("When are the radiators heated", "", "en", 5);
        assertThat(hits.get(0).id()).isEqualTo("heating-season.en");
        assertThat(shipped.search("my car was parked in the fire lane", "", "en", 3).get(0).id())
                .isEqualTo("parking-complaint.en");
    }

    @Test
    void aCategoryAloneSuggestsTheArticlesFiledUnderItAndItsParent() {
        List<ArticleHit> hits = shipped.search("", "heating/not-warm", "zh", 10);
        assertThat(hits).extracting(ArticleHit::id).startsWith("heating-not-warm.zh")
                .contains("heating-season.zh", "heating-fee.zh");
        assertThat(hits).allSatisfy(hit -> assertThat(hit.category()).startsWith("heating"));
    }

    @Test
    void aTranscriptWithTheDraftCategoryPutsTheMatchingArticleFirst() {
        String transcript = "你好我家暖气一点都不热屋里才十五度已经找过物业了没人管";
        assertThat(shipped.search(transcript, "heating/not-warm", "zh", 3).get(0).id()).isEqualTo("heating-not-warm.zh");
    }

    @Test
    void nothingToLookForFindsNothingAndMarkupInAQueryIsJustText() {
        assertThat(shipped.search("", "", "zh", 5)).isEmpty();
        assertThat(shipped.search("<script>alert(1)</script> AND OR *:* \"", "", "zh", 5)).isNotNull();
    }

    @Test
    void aBadFileIsNamedWithItsLineAndStartIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.zh.md"), "---\ntitle: 好\nlanguage: zh\n---\n正文\n");
        Files.writeString(dir.resolve("bad.zh.md"), "---\ntitle: 坏\nlanguage: zh\ncategory: nowhere\ncolour: red\n---\n正文\n");
        Files.writeString(dir.resolve("empty.en.md"), "---\ntitle: Empty\nlanguage: en\n---\n\n");
        ArticleFolder folder = new ArticleFolder(dir, CATEGORIES::contains);
        assertThat(folder.read().problems()).extracting(KnowledgeProblem::toString).containsExactlyInAnyOrder(
                dir.resolve("bad.zh.md") + ":4: category: no such category 'nowhere' in categories.yaml",
                dir.resolve("bad.zh.md") + ":5: unknown key 'colour'; the keys are " + Set.of("title", "language", "category", "tags"),
                dir.resolve("empty.en.md") + ":5: body: the article has no text");
        assertThatThrownBy(() -> KnowledgeBase.start(folder)).hasMessageContaining("bad.zh.md:4");
    }

    @Test
    void aReloadWithAProblemKeepsThePreviousIndexServingAndAGoodOneSwapsItIn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.zh.md"), "---\ntitle: 供暖时间\nlanguage: zh\n---\n十一月十五日开始供暖\n");
        KnowledgeBase base = KnowledgeBase.start(new ArticleFolder(dir, CATEGORIES::contains));
        Files.writeString(dir.resolve("b.zh.md"), "---\ntitle: [unclosed\nlanguage: zh\n---\n停车\n");
        KnowledgeBase.Reload refused = base.reload();
        assertThat(refused.clean()).isFalse();
        assertThat(refused.problems().get(0).toString()).contains("b.zh.md:3");
        assertThat(base.search("供暖", "", "", 5)).extracting(ArticleHit::id).containsExactly("a.zh");
        Files.writeString(dir.resolve("b.zh.md"), "---\ntitle: 停车规定\nlanguage: zh\ntags: [违停]\n---\n小区停车\n");
        assertThat(base.reload()).isEqualTo(new KnowledgeBase.Reload(2, List.of()));
        assertThat(base.search("违停", "", "", 5)).extracting(ArticleHit::id).containsExactly("b.zh");
    }
}
