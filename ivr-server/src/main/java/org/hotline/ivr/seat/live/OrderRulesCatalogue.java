package org.hotline.ivr.seat.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.seat.OrderCatalogue;

/**
 * The form's choices from the order rules: every category and sub-category ({@code category/sub}), and the
 * gazetteer's districts and streets as "district street" suggestions, found by any of their names (characters,
 * short forms, pinyin).
 */
public final class OrderRulesCatalogue implements OrderCatalogue {

    private final List<Category> categories;
    private final List<String> places;
    /** Each place with every name it goes by, lower case and without spaces: 朝阳区 finds as "chaoyang" too. */
    private final List<String> searchable;

    public OrderRulesCatalogue(OrderRules rules) {
        List<Category> all = new ArrayList<>();
        for (org.hotline.ivr.order.Category category : rules.taxonomy().categories()) {
            all.add(new Category(category.id(), category.name(), category.en()));
            for (org.hotline.ivr.order.Category.SubCategory sub : category.subCategories()) {
                all.add(new Category(category.id() + "/" + sub.id(), category.name() + " / " + sub.name(),
                        category.en() + " / " + sub.en()));
            }
        }
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String district : rules.gazetteer().districts()) {
            names.add(district);
            keys.add(key(district, rules.gazetteer().namesOf(district, "")));
            for (String street : rules.gazetteer().streets(district)) {
                names.add(district + " " + street);
                keys.add(key(district + " " + street, rules.gazetteer().namesOf(district, street)));
            }
        }
        this.categories = List.copyOf(all);
        this.places = List.copyOf(names);
        this.searchable = List.copyOf(keys);
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public List<String> places(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < places.size() && found.size() < limit; i++) {
            if (searchable.get(i).contains(wanted)) {
                found.add(places.get(i));
            }
        }
        return found;
    }

    private static String key(String place, List<String> names) {
        return (place + "|" + String.join("|", names)).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }
}
