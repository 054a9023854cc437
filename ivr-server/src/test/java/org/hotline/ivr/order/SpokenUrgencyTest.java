package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases that came out {@code normal} on spoken text (issue #17), as a recognizer writes them: words
 * apart, no punctuation, fillers, lower-case English. Each gets its level, its category and, for violence,
 * the number the caller is told to dial.
 */
class SpokenUrgencyTest {

    private static final OrderRules RULES = OrderRules.load(OrderRulesTest.CONFIG);

    @ParameterizedTest(name = "[{0}] {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            zh | 嗯 那个 我 家 老 母亲 八十五 岁 了 一个 人 住 暖气 不 热 屋里 冷 得 不行         | high      | heating          |
            en | uh my neighbor is eighty five and lives alone and um the heating is off            | high      | heating          |
            zh | 喂 我们 楼 断 电 了 家里 老人 用 着 制氧机 呢                                      | high      | utilities        |
            en | so um the power went out and my mother is on an oxygen concentrator at home        | high      | utilities        |
            zh | 那个 路口 的 井盖 没 了 晚上 黑 看 不 见                                           | high      | city-management  |
            en | uh there's a manhole cover missing on our street and it's dark at night            | high      | city-management  |
            zh | 电梯 坏 了 我 爸 坐 轮椅 住 在 九 楼 下 不 了 楼                                    | high      | housing-property |
            en | the lift is broken and my dad is in a wheelchair on the ninth floor he can't get down | high   | housing-property |
            zh | 快 来 人 街上 有 人 打架 有 一个 拿 着 刀                                          | emergency | public-security  | 110
            en | um there's a street fight outside and one of them has a knife                      | emergency | public-security  | 110
            """)
    void aSpokenDescriptionOfADangerGetsItsUrgencyAndCategory(String lang, String text, String level,
                                                             String category, String dial) {
        Assessment a = RULES.assess(lang, text);
        assertThat(a.urgency().level().id()).as("urgency of: " + text + " " + a.urgency()).isEqualTo(level);
        assertThat(a.classification().category()).as("category of: " + text).isEqualTo(category);
        if (dial != null) {
            assertThat(a.urgency().dial()).isEqualTo(dial);
            assertThat(a.unit()).as("the police handle the follow-up").contains("公安");
        }
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zh | 嗯 我 想 问 一下 我们 小区 的 暖气 费 怎么 交
            en | um how do i pay the heating fee for this winter
            zh | 我 邻居 家 装修 电钻 声音 很 大
            en | the elevator makes a strange noise sometimes
            zh | 我 想 打 听 一下 办 营业 执照 要 带 什么
            """)
    void anOrdinaryRequestStaysNormal(String lang, String text) {
        assertThat(RULES.assess(lang, text).urgency().level().id()).as(text).isEqualTo("normal");
    }
}
