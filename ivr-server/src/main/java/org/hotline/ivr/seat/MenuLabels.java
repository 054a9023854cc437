package org.hotline.ivr.seat;

import java.util.List;
import java.util.Map;

/**
 * What the seat reads for a call's menu path: for each recorded step the flow labelled (a node, or a menu option as
 * {@code node:key}), its texts by screen language ({@code {zh: 投诉, en: Complaint}}); unlabelled steps (internal
 * nodes such as pick-line or care-list) are left out, so the operator sees what the caller chose.
 */
@FunctionalInterface
public interface MenuLabels {

    MenuLabels NONE = path -> List.of();

    List<Map<String, String>> labels(List<String> menuPath);
}
