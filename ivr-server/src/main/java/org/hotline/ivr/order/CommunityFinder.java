package org.hotline.ivr.order;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The community, estate, road or landmark a caller mentions that the gazetteer does not list:
 * 花家地西里小区, 和平里社区, 中关村大街, "building 7 of Sunshine Garden". A heuristic: a run of a
 * few characters before a place-like ending, cut at words that start a clause (在, 的, 我们 ...).
 */
final class CommunityFinder {

    private static final Pattern CHINESE = Pattern.compile(
            "([\\p{IsHan}A-Za-z0-9]{1,8}?)(小区|社区|家园|花园|公寓|大厦|胡同|大街|路|商场|医院|小学|中学|学校|公园|地铁站|菜市场|市场)(?![灯口面边上过段])");
    private static final Pattern CLAUSE_START = Pattern.compile(
            ".*(?:在|的|是|我们|我家|住|到|从|把|给|说|了|这个|那个|一个|有|区|街道|镇|乡)");
    private static final Pattern ENGLISH = Pattern.compile(
            "((?:[A-Z][\\w'-]*\\s){1,4}(?:Road|Street|Avenue|Lane|Park|Garden|Gardens|Community|Estate|Station|Hospital|School|Market|Mall|Library|Building|Residence))");

    /** The first such place in {@code text}, or empty. */
    String find(String text) {
        Matcher chinese = CHINESE.matcher(text);
        while (chinese.find()) {
            String head = CLAUSE_START.matcher(chinese.group(1)).replaceFirst("");
            if (head.length() >= 2 && !head.matches("[0-9]+")) {
                return head + chinese.group(2);
            }
        }
        Matcher english = ENGLISH.matcher(text);
        return english.find() ? english.group(1).trim() : "";
    }
}
