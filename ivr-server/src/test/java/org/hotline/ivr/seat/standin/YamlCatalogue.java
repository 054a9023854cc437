package org.hotline.ivr.seat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hotline.ivr.seat.OrderCatalogue;

/**
 * The order form's choices from {@code config/categories.yaml} (categories and their sub-categories, Chinese
 * and English names) and the gazetteer files in {@code config/gazetteer/} (districts and their streets).
 */
public final class YamlCatalogue implements OrderCatalogue {

    private final List<Category> categories;
    private final List<String> places;

    public YamlCatalogue(List<Category> categories, List<String> places) {
        this.categories = List.copyOf(categories);
        this.places = List.copyOf(places);
    }

    public static YamlCatalogue load(Path categoriesFile, Path gazetteerDir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Category> categories = new ArrayList<>();
        List<String> places = new ArrayList<>();
        try {
            if (Files.isRegularFile(categoriesFile)) {
                addCategories(yaml.readTree(categoriesFile.toFile()).path("categories"), null, categories);
            }
            if (Files.isDirectory(gazetteerDir)) {
                try (Stream<Path> files = Files.list(gazetteerDir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                        addPlaces(yaml.readTree(file.toFile()), places);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("order catalogue unreadable: " + e.getMessage(), e);
        }
        return new YamlCatalogue(categories, places);
    }

    /** A sub-category's code is {@code parent/sub}, as the order store's category and subCategory. */
    private static void addCategories(JsonNode list, Category parent, List<Category> into) {
        for (JsonNode node : list) {
            String zh = node.path("name").asText();
            String en = node.path("en").asText(zh);
            Category category = parent == null ? new Category(node.path("id").asText(), zh, en)
                    : new Category(parent.code() + "/" + node.path("id").asText(), parent.zh() + " / " + zh,
                            parent.en() + " / " + en);
            into.add(category);
            if (parent == null) {
                addCategories(node.path("sub"), category, into);
            }
        }
    }

    private static void addPlaces(JsonNode gazetteer, List<String> into) {
        String city = gazetteer.path("city").asText("");
        for (JsonNode district : gazetteer.path("districts")) {
            String name = district.path("name").asText();
            into.add(city + name);
            for (JsonNode street : district.path("streets")) {
                into.add(city + name + street.path("name").asText() + " (" + street.path("en").asText() + ")");
            }
        }
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public List<String> places(String text, int limit) {
        if (text.isBlank()) {
            return List.of();
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        return places.stream().filter(place -> place.toLowerCase(Locale.ROOT).contains(wanted)).limit(limit).toList();
    }
}
