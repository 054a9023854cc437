package org.hotline.ivr.order;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a month's {@link TopicsReport} from the orders drafted in it ({@link OrderStore#eachInMonth}): categories
 * by their code's first part (sub-categories count for their category), places and words counted per category
 * (a word the caller or the seat wrote, not the place's or the category label the draft put in the summary), the
 * previous month read for its category counts only. One pass over the month, in memory only for the counts.
 * Blocks on Redis for as long as the month takes to read: call it off any event loop.
 */
public final class HotTopics {

    private final OrderStore store;
    private final CategoryTaxonomy taxonomy;
    private final TopicWords words;
    private final ZoneId zone;
    private final Clock clock;

    public HotTopics(OrderStore store, CategoryTaxonomy taxonomy, TopicWords words, ZoneId zone, Clock clock) {
        this.store = store;
        this.taxonomy = taxonomy;
        this.words = words;
        this.zone = zone;
        this.clock = clock;
    }

    /** The month now, in the order ids' zone. */
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(zone));
    }

    public TopicsReport report(YearMonth month) {
        YearMonth previousMonth = month.minusMonths(1);
        Map<String, Long> previous = new HashMap<>();
        long previousOrders = store.eachInMonth(previousMonth, false,
                order -> previous.merge(category(order), 1L, Long::sum));
        Map<String, Tally> tallies = new HashMap<>();
        Map<String, Long> hot = new HashMap<>();
        long[] unclassified = {0};
        long orders = store.eachInMonth(month, true, order -> {
            String code = category(order);
            List<String> said = new ArrayList<>(words.words(order.transcript() + "\n" + said(order), known(order)));
            said.forEach(word -> hot.merge(word, 1L, Long::sum));
            if (code.isEmpty()) {
                unclassified[0]++;
                return;
            }
            tallies.computeIfAbsent(code, c -> new Tally()).add(order, said);
        });
        TopicWords.Limits limits = words.limits();
        List<TopicsReport.CategoryTopic> categories = tallies.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Tally>>comparingLong(e -> -e.getValue().count)
                        .thenComparing(Map.Entry::getKey))
                .limit(limits.categories())
                .map(e -> topic(e.getKey(), e.getValue(), previous.getOrDefault(e.getKey(), 0L), limits))
                .toList();
        return new TopicsReport(month.toString(), previousMonth.toString(), zone.getId(), orders, previousOrders,
                unclassified[0], categories, top(hot, limits.words()), clock.instant().toString());
    }

    private TopicsReport.CategoryTopic topic(String code, Tally tally, long previous, TopicWords.Limits limits) {
        Optional<Category> category = taxonomy.category(code);
        long change = tally.count - previous;
        return new TopicsReport.CategoryTopic(code, category.map(Category::name).orElse(code),
                category.map(Category::en).orElse(code), tally.count, previous, change,
                previous == 0 ? null : (double) change / previous,
                places(tally.districts, limits.places()), places(tally.streets, limits.places()),
                top(tally.words, limits.categoryWords()));
    }

    /** The category as counted: the main category of the code, none for an unclassified order. */
    private static String category(OrderDigest order) {
        String code = order.category().strip();
        return code.isEmpty() || code.equals(Category.UNCLASSIFIED) ? "" : code.split("/", 2)[0];
    }

    /** The names a word of this order is not hot for: its places' (the report lists places on their own). */
    private static List<String> known(OrderDigest order) {
        List<String> names = new ArrayList<>(List.of(order.district(), order.street(), order.community()));
        names.removeIf(String::isBlank);
        return names;
    }

    /**
     * The summary without what the draft writer put in front of the caller's words ({@link SummaryWriter}: the
     * category label and the place, " · " apart): a word the caller never said is no hot word. A seat's own
     * summary is kept whole.
     */
    private String said(OrderDigest order) {
        List<String> generated = new ArrayList<>(List.of("未分类", "unclassified",
                order.district() + order.street() + order.community()));
        taxonomy.category(order.category()).ifPresent(category -> {
            generated.add(category.name());
            generated.add(category.en());
            category.subCategory(order.subCategory()).ifPresent(sub -> {
                generated.add(category.name() + "/" + sub.name());
                generated.add(category.en() + "/" + sub.en());
            });
        });
        List<String> parts = new ArrayList<>(List.of(order.summary().split(" · ")));
        parts.removeIf(part -> part.isBlank() || generated.contains(part.strip()));
        return String.join("\n", parts);
    }

    private List<TopicsReport.WordCount> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream().filter(e -> e.getValue() >= words.minOrders())
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(limit).map(e -> new TopicsReport.WordCount(e.getKey(), e.getValue())).toList();
    }

    private static List<TopicsReport.PlaceCount> places(Map<List<String>, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<List<String>, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(e -> String.join("/", e.getKey())))
                .limit(limit)
                .map(e -> new TopicsReport.PlaceCount(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    }

    /** One category's counts while the month is read. */
    private static final class Tally {
        long count;
        final Map<List<String>, Long> districts = new HashMap<>();
        final Map<List<String>, Long> streets = new HashMap<>();
        final Map<String, Long> words = new HashMap<>();

        void add(OrderDigest order, List<String> said) {
            count++;
            if (!order.district().isBlank()) {
                districts.merge(List.of(order.district(), ""), 1L, Long::sum);
                if (!order.street().isBlank()) {
                    streets.merge(List.of(order.district(), order.street()), 1L, Long::sum);
                }
            }
            said.forEach(word -> words.merge(word, 1L, Long::sum));
        }
    }
}
