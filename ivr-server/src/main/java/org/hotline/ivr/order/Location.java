package org.hotline.ivr.order;

import java.util.List;

/**
 * Where the case is: district (区), street office area or town (街道/地区/镇/乡), and a community or
 * landmark when one is mentioned; any of them may be empty. {@code phrases} are the names that
 * decided it.
 */
public record Location(String district, String street, String community, List<String> phrases) {

    public Location {
        phrases = List.copyOf(phrases);
    }

    static Location unknown() {
        return new Location("", "", "", List.of());
    }

    public boolean known() {
        return !district.isEmpty();
    }

    /** The same place for repeat detection: same district, and same street unless one of them is unknown. */
    boolean samePlaceAs(String otherDistrict, String otherStreet) {
        return known() && district.equals(otherDistrict)
                && (street.isEmpty() || otherStreet.isEmpty() || street.equals(otherStreet));
    }
}
