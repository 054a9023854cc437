package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The districts, streets, towns and landmarks a description may name, and the resolution of a text to
 * one {@link Location}. A named street decides the district (双井 is in 朝阳区); when a street name
 * exists in several districts (八里庄), the district the caller names decides; a weak short name
 * counts only beside its district.
 */
public final class Gazetteer {

    private final List<Place> places;
    private final CommunityFinder communities = new CommunityFinder();

    Gazetteer(List<Place> places) {
        this.places = List.copyOf(places);
    }

    public Location locate(String text) {
        return locate(MatchText.of(text));
    }

    Location locate(MatchText text) {
        if (text.isBlank()) {
            return Location.unknown();
        }
        List<Place.Hit> districts = find(text, Place.Kind.DISTRICT, Set.of());
        Set<String> named = districts.stream().map(hit -> hit.place().district()).collect(Collectors.toSet());
        Optional<Place.Hit> street = best(find(text, Place.Kind.STREET, named), named);
        Optional<Place.Hit> landmark = best(find(text, Place.Kind.LANDMARK, named), named);
        String district = street.or(() -> landmark).or(() -> districts.stream().findFirst())
                .map(hit -> hit.place().district()).orElse("");
        String streetName = street.map(hit -> hit.place().name())
                .or(() -> landmark.map(hit -> hit.place().street()).filter(s -> !s.isEmpty()))
                .orElse("");
        String community = landmark.map(hit -> hit.place().name()).orElseGet(() -> communities.find(text.original()));
        List<String> phrases = new ArrayList<>();
        districts.stream().filter(hit -> hit.place().district().equals(district)).findFirst()
                .ifPresent(hit -> phrases.add(hit.phrase().label()));
        street.ifPresent(hit -> phrases.add(hit.phrase().label()));
        landmark.ifPresent(hit -> phrases.add(hit.phrase().label()));
        return new Location(district, streetName, community, phrases);
    }

    private List<Place.Hit> find(MatchText text, Place.Kind kind, Set<String> namedDistricts) {
        List<Place.Hit> hits = new ArrayList<>();
        for (Place place : places) {
            if (place.kind() == kind) {
                Place.Hit hit = place.find(text, namedDistricts.contains(place.district()));
                if (hit != null) {
                    hits.add(hit);
                }
            }
        }
        hits.sort(Comparator.comparingInt(Place.Hit::at));
        return hits;
    }

    /** In a named district first; then the longest name (双井街道 over 双井); then the first mentioned. */
    private static Optional<Place.Hit> best(List<Place.Hit> hits, Set<String> namedDistricts) {
        return hits.stream().min(Comparator
                .comparing((Place.Hit hit) -> !namedDistricts.contains(hit.place().district()))
                .thenComparing(hit -> -hit.phrase().text().length())
                .thenComparingInt(Place.Hit::at));
    }

    /** The canonical district name for any of its names (朝阳, Chaoyang, 朝阳区), if known. */
    public Optional<String> district(String name) {
        MatchText text = MatchText.of(name);
        return places.stream()
                .filter(place -> place.kind() == Place.Kind.DISTRICT)
                .filter(place -> place.names().stream().anyMatch(phrase -> phrase.isWhole(text)))
                .map(Place::name)
                .findFirst();
    }

    /** Whether {@code street} is a street or town of {@code district}. */
    public boolean hasStreet(String district, String street) {
        return places.stream().anyMatch(place -> place.kind() == Place.Kind.STREET
                && place.district().equals(district) && place.name().equals(street));
    }

    /**
     * Every name a district or street of the gazetteer goes by (朝阳区, 朝阳, Chaoyang; its aliases), for searching
     * places as a seat types them, in characters or pinyin; empty for an unknown place.
     */
    public List<String> namesOf(String district, String street) {
        return places.stream()
                .filter(place -> place.district().equals(district) && (street.isEmpty()
                        ? place.kind() == Place.Kind.DISTRICT : place.kind() == Place.Kind.STREET && place.name().equals(street)))
                .findFirst()
                .map(place -> java.util.stream.Stream.concat(place.names().stream(), place.weakNames().stream())
                        .map(Phrase::text).distinct().toList())
                .orElse(List.of());
    }

    public List<String> districts() {
        return places.stream().filter(place -> place.kind() == Place.Kind.DISTRICT).map(Place::name).toList();
    }

    public List<String> streets(String district) {
        return places.stream().filter(place -> place.kind() == Place.Kind.STREET && place.district().equals(district))
                .map(Place::name).toList();
    }
}
