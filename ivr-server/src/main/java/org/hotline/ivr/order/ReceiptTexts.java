package org.hotline.ivr.order;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The SMS receipt (受理回执) a citizen gets for an order, from {@code config/sms.yaml}: a text per language naming
 * the order number ({@code {order}}) and the dispatch deadline ({@code {dispatchBy}}, local time of the order), sent
 * to the calling number when it is a mobile number ({@code mobile}, after a {@code country-prefixes} prefix is taken
 * off). An order in a language without a text gets the {@code default-language} text.
 */
public final class ReceiptTexts {

    public static final String RECEIPT = "receipt";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Pattern mobile;
    private final List<String> prefixes;
    private final String defaultLanguage;
    private final Map<String, String> receipt;

    ReceiptTexts(Pattern mobile, List<String> prefixes, String defaultLanguage, Map<String, String> receipt) {
        this.mobile = mobile;
        this.prefixes = List.copyOf(prefixes);
        this.defaultLanguage = defaultLanguage;
        this.receipt = Map.copyOf(receipt);
    }

    /** Reads {@code file}; throws {@code ConfigException} naming file and line of every problem. */
    public static ReceiptTexts load(Path file) {
        RuleFile rules = RuleFile.read(file, new ArrayList<>());
        Pattern mobile = Pattern.compile("1[3-9][0-9]{9}");
        List<String> prefixes = List.of();
        String defaultLanguage = "zh";
        Map<String, String> receipt = new LinkedHashMap<>();
        Optional<RuleFile.Entry> root = rules.root();
        if (root.isPresent()) {
            RuleFile.Entry top = root.get();
            String pattern = top.required("mobile");
            try {
                mobile = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                top.get("mobile").ifPresent(entry -> entry.problem("is not a regular expression: " + e.getDescription()));
            }
            prefixes = top.strings("country-prefixes");
            defaultLanguage = top.required("default-language");
            Optional<RuleFile.Entry> texts = top.get("receipt");
            if (texts.isEmpty()) {
                top.problem("receipt: is missing (a text per language)");
            } else {
                for (String language : texts.get().keys()) {
                    RuleFile.Entry text = texts.get().get(language).orElseThrow();
                    String value = text.text();
                    if (!value.contains("{order}")) {
                        text.problem("must contain {order}: the receipt names the order number");
                    }
                    receipt.put(language, value);
                }
                if (!receipt.isEmpty() && !receipt.containsKey(defaultLanguage)) {
                    top.get("default-language").ifPresent(entry -> entry.problem("has no text under receipt"));
                }
            }
        }
        rules.check();
        return new ReceiptTexts(mobile, prefixes, defaultLanguage, receipt);
    }

    /**
     * The receipt for {@code order}, if its caller can get one: a mobile calling number. Empty for a landline,
     * a withheld number or an order without a caller number.
     */
    public Optional<Receipt> receiptFor(DraftOrder order) {
        return mobileNumber(order.callerNumber()).map(to -> {
            String language = receipt.containsKey(order.language()) ? order.language() : defaultLanguage;
            String text = receipt.get(language).replace("{order}", order.orderId())
                    .replace("{dispatchBy}", shown(order.dispatchBy()));
            return new Receipt(order.orderId(), RECEIPT, to, language, text);
        });
    }

    /** {@code number} in national form if it is a mobile number ({@code +8613800138000} -> {@code 13800138000}). */
    public Optional<String> mobileNumber(String number) {
        String digits = number == null ? "" : number.strip().replace(" ", "").replace("-", "");
        for (String prefix : prefixes) {
            if (digits.startsWith(prefix) && mobile.matcher(digits.substring(prefix.length())).matches()) {
                return Optional.of(digits.substring(prefix.length()));
            }
        }
        return mobile.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    private static String shown(String dispatchBy) {
        try {
            return OffsetDateTime.parse(dispatchBy, DispatchDeadlines.FORMAT).format(SHOWN);
        } catch (DateTimeParseException e) {
            return dispatchBy;
        }
    }
}
