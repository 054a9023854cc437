package org.hotline.ivr.seat.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.seat.OrderCatalogue;

/**
 * The form's choices from the order rules: every category and sub-category ({@code category/sub}), and the
 * gazetteer's districts and streets as "district street" suggestions.
 */
public final class OrderRulesCatalogue implements OrderCatalogue {

    private final List<Category> categories;
    private final List<String> places;

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
        for (String district : rules.gazetteer().districts()) {
            names.add(district);
            rules.gazetteer().streets(district).forEach(street -> names.add(district + " " + street));
        }
        this.categories = List.copyOf(all);
        this.places = List.copyOf(names);
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public List<String> places(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return places.stream().filter(place -> place.toLowerCase(Locale.ROOT).contains(wanted)).limit(limit).toList();
    }
}
