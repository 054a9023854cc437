package org.hotline.ivr.order;

import java.util.List;

/**
 * A month's hot topics (每月热点): the orders drafted in {@code month} (yyyy-MM in {@code zone}, the order ids' zone),
 * the top categories with their count against {@code previousMonth}'s, the districts and streets each was most
 * reported in and its own hot words, and the month's hot words over every order. {@code unclassified} orders count
 * in {@code orders} but in no category. A word's {@code orders} is how many orders used it (once per order).
 */
public record TopicsReport(String month, String previousMonth, String zone, long orders, long previousOrders,
                           long unclassified, List<CategoryTopic> categories, List<WordCount> hotWords,
                           String generatedAt) {

    public TopicsReport {
        categories = List.copyOf(categories);
        hotWords = List.copyOf(hotWords);
    }

    /**
     * One category: {@code change} is {@code count - previous}; {@code changeRate} that over {@code previous}, null
     * when the previous month had none.
     */
    public record CategoryTopic(String category, String name, String en, long count, long previous, long change,
                                Double changeRate, List<PlaceCount> districts, List<PlaceCount> streets,
                                List<WordCount> words) {

        public CategoryTopic {
            districts = List.copyOf(districts);
            streets = List.copyOf(streets);
            words = List.copyOf(words);
        }
    }

    /** A district ({@code street} empty) or a street with its district, and how many orders named it. */
    public record PlaceCount(String district, String street, long count) {
    }

    public record WordCount(String word, long orders) {
    }
}
