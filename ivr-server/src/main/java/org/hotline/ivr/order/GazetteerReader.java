package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a gazetteer file: districts with their streets, towns and landmarks, each with its Chinese
 * name, an English (pinyin) name and optional aliases. The short form of a street or town (双井 for
 * 双井街道, 宋庄 for 宋庄镇) is derived; short forms listed under {@code ambiguousShortNames} are weak.
 */
final class GazetteerReader {

    private static final Pattern UNIT_SUFFIX = Pattern.compile("(街道|地区|满族乡|镇|乡)$");

    private final List<Place> places = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private Set<String> ambiguous = Set.of();

    List<Place> read(RuleFile file) {
        file.root().ifPresent(root -> {
            ambiguous = Set.copyOf(root.strings("ambiguousShortNames"));
            root.get("districts").ifPresentOrElse(
                    list -> list.items().forEach(this::district),
                    () -> root.problem("needs a list 'districts'"));
        });
        return places;
    }

    private void district(RuleFile.Entry item) {
        String name = item.required("name");
        if (!seen.add("district:" + name)) {
            item.problem("district '" + name + "' is listed twice");
        }
        List<Phrase> names = names(name, item);
        String shortName = name.endsWith("区") && name.length() > 2 ? name.substring(0, name.length() - 1) : "";
        if (!shortName.isEmpty()) {
            names.add(Phrase.of("zh", shortName));
        }
        places.add(new Place(Place.Kind.DISTRICT, name, name, "", names, List.of()));
        item.get("streets").ifPresentOrElse(
                list -> list.items().forEach(street -> street(street, name, shortName)),
                () -> item.problem("district '" + name + "' needs a list 'streets'"));
        item.get("landmarks").ifPresent(list -> list.items().forEach(landmark -> landmark(landmark, name)));
    }

    private void street(RuleFile.Entry item, String district, String districtShortName) {
        String name = item.required("name");
        if (!name.isEmpty() && !UNIT_SUFFIX.matcher(name).find()) {
            item.get("name").orElseThrow().problem("must end in 街道, 地区, 镇 or 乡 (the kind of office it has)");
        }
        if (!seen.add(district + ":" + name)) {
            item.problem("'" + name + "' is listed twice in " + district);
        }
        List<Phrase> names = names(name, item);
        List<Phrase> weak = new ArrayList<>();
        String shortName = UNIT_SUFFIX.matcher(name).replaceFirst("");
        // 海淀街道 shortened to 海淀 would be read wherever the caller names the district
        if (shortName.length() >= 2 && !shortName.equals(name) && !shortName.equals(districtShortName)) {
            (ambiguous.contains(shortName) ? weak : names).add(Phrase.of("zh", shortName));
        }
        places.add(new Place(Place.Kind.STREET, name, district, name, names, weak));
    }

    private void landmark(RuleFile.Entry item, String district) {
        String name = item.required("name");
        String street = item.optional("street", "");
        if (!street.isEmpty() && !seen.contains(district + ":" + street)) {
            item.get("street").orElseThrow().problem("no street or town '" + street + "' in " + district + " (list it first)");
        }
        places.add(new Place(Place.Kind.LANDMARK, name, district, street, names(name, item), List.of()));
    }

    private static List<Phrase> names(String name, RuleFile.Entry item) {
        List<Phrase> names = new ArrayList<>();
        if (!name.isEmpty()) {
            names.add(Phrase.of("zh", name));
        }
        item.get("en").ifPresent(en -> names.add(Phrase.of("en", en.text())));
        item.strings("aliases").forEach(alias -> names.add(Phrase.of(alias.matches(".*\\p{IsHan}.*") ? "zh" : "en", alias)));
        return names;
    }
}
