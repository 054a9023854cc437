package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

    static final Path CONFIG = Path.of("..", "config");
    private final OrderRules rules = OrderRules.load(CONFIG);

    @Test
    void garbageInWangjingGoesToTheStreetOffice() {
        Assessment a = rules.assess("zh", "我要反映一下，朝阳区望京街道的垃圾已经三天没人清运了");
        assertThat(a.classification().category()).isEqualTo("city-management");
        assertThat(a.classification().subCategory()).isEqualTo("garbage");
        assertThat(a.classification().phrases()).contains("zh:垃圾", "zh:清运");
        assertThat(a.location().district()).isEqualTo("朝阳区");
        assertThat(a.location().street()).isEqualTo("望京街道");
        assertThat(a.unit()).isEqualTo("望京街道办事处");
        assertThat(a.urgency().level()).isEqualTo(Urgency.Level.NORMAL);
    }

    @Test
    void chineseAndEnglishPlaceNamesResolveAlike() {
        Location zh = rules.gazetteer().locate("朝阳区双井街道");
        Location en = rules.gazetteer().locate("Shuangjing, Chaoyang");
        assertThat(zh.district()).isEqualTo("朝阳区");
        assertThat(zh.street()).isEqualTo("双井街道");
        assertThat(en).extracting(Location::district, Location::street).containsExactly("朝阳区", "双井街道");
    }

    @Test
    void aStreetNameInTwoDistrictsFollowsTheNamedDistrict() {
        assertThat(rules.gazetteer().locate("海淀区八里庄这边").district()).isEqualTo("海淀区");
        assertThat(rules.gazetteer().locate("朝阳区八里庄这边").district()).isEqualTo("朝阳区");
    }

    @Test
    void aWeakShortNameCountsOnlyBesideItsDistrict() {
        assertThat(rules.gazetteer().locate("过街天桥上有人摆摊").known()).isFalse();
        assertThat(rules.gazetteer().locate("西城区天桥那边有人摆摊").street()).isEqualTo("天桥街道");
    }

    @Test
    void anElderlyPersonAloneWithoutHeatingIsHighUrgency() {
        Assessment a = rules.assess("zh", "我家老人独自在家，暖气不热，能不能尽快派人来看看");
        assertThat(a.classification().category()).isEqualTo("heating");
        assertThat(a.urgency().level()).isEqualTo(Urgency.Level.HIGH);
        assertThat(a.urgency().rules()).contains("no-heating-vulnerable");
    }

    @Test
    void aFireIsAnEmergencyWithTheNumberToDial() {
        Urgency u = rules.assess("zh", "楼下饭馆着火了，烟很大").urgency();
        assertThat(u.emergency()).isTrue();
        assertThat(u.dial()).isEqualTo("119");
        assertThat(rules.assess("en", "My neighbour collapsed and is not breathing").urgency().dial()).isEqualTo("120");
    }

    @Test
    void gasSmellIsHighButNotAnEmergency() {
        Urgency u = rules.assess("en", "There is a strong smell of gas in the stairwell").urgency();
        assertThat(u.level()).isEqualTo(Urgency.Level.HIGH);
    }

    @Test
    void emptyOrUnintelligibleTextIsUnclassifiedNotAnError() {
        for (String text : new String[] {"", "   ", null, "嗯嗯啊那个", "uh hm"}) {
            Assessment a = rules.assess("zh", text);
            assertThat(a.classification().category()).isEqualTo("unclassified");
            assertThat(a.unit()).isEqualTo("12345热线派单组");
            assertThat(a.summary()).isNotBlank();
        }
    }

    @Test
    void aCommunityTheGazetteerDoesNotListIsStillPickedUp() {
        Location l = rules.gazetteer().locate("我住在朝阳区望京花家地西里小区，楼下垃圾没人管");
        assertThat(l.street()).isEqualTo("望京街道");
        assertThat(l.community()).isEqualTo("花家地");
        assertThat(rules.gazetteer().locate("我们和平里社区的路灯坏了").community()).isEqualTo("和平里社区");
    }
}
