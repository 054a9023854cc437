package org.hotline.ivr.order;

import java.util.List;

/**
 * A named place of the gazetteer: a district, a street office area or town (街道/地区/镇/乡), or a
 * landmark. {@code names} always match; {@code weakNames} (short forms that are also ordinary words,
 * such as 天桥 or 果园) match only when the caller also names the place's district.
 */
record Place(Kind kind, String name, String district, String street, List<Phrase> names, List<Phrase> weakNames) {

    enum Kind { DISTRICT, STREET, LANDMARK }

    Place {
        names = List.copyOf(names);
        weakNames = List.copyOf(weakNames);
    }

    /** The first name found in the text (weak names only if allowed), or null. */
    Hit find(MatchText text, boolean weakAllowed) {
        for (Phrase phrase : names) {
            int at = phrase.indexIn(text);
            if (at >= 0) {
                return new Hit(this, phrase, at);
            }
        }
        if (weakAllowed) {
            for (Phrase phrase : weakNames) {
                int at = phrase.indexIn(text);
                if (at >= 0) {
                    return new Hit(this, phrase, at);
                }
            }
        }
        return null;
    }

    /** A place found in a text: which name of it, and where. */
    record Hit(Place place, Phrase phrase, int at) {
    }
}
