package org.hotline.ivr.seat;

import java.util.List;

/** The choices the order form offers: the category taxonomy and place names from the gazetteer. */
public interface OrderCatalogue {

    /** One category in both UI languages. */
    record Category(String code, String zh, String en) {
    }

    List<Category> categories();

    /** Places whose name contains {@code text}, best first. */
    List<String> places(String text, int limit);
}
