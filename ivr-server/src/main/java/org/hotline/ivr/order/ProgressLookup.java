package org.hotline.ivr.order;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Finds the case a caller asks after by phone (查询进度): the order whose number they keyed in, or their most recent
 * one, and only one of their own. An order number is keyed as its digits without the hotline's prefix (order
 * {@code 12345-20261202-000042} is {@code 20261202000042}), or with it. A number that is not the caller's is "not
 * found", exactly as one that does not exist: the phone tells no stranger anything.
 */
public final class ProgressLookup {

    private static final int DAY_AND_SEQUENCE = 14;

    private final RedisGateway redis;
    private final OrderStore store;
    private final String hotline;

    public ProgressLookup(RedisGateway redis, OrderStore store, OrderSettings settings) {
        this.redis = redis;
        this.store = store;
        this.hotline = settings.hotline();
    }

    /** {@link #find} off the caller's thread (on the Redis gateway's pool, as drafts are written). */
    public CompletionStage<Optional<DraftOrder>> findAsync(String callerNumber, String entered) {
        return redis.callAsync("look up the caller's case", jedis -> find(callerNumber, entered));
    }

    /** The order, if {@code callerNumber} may hear it: {@code entered} digits, or "" for the caller's most recent. */
    public Optional<DraftOrder> find(String callerNumber, String entered) {
        String caller = national(callerNumber);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        String digits = entered == null ? "" : entered.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            List<DraftOrder> recent = store.listByCaller(callerNumber, 1);
            return recent.stream().findFirst();
        }
        if (digits.length() == hotline.length() + DAY_AND_SEQUENCE && digits.startsWith(hotline)) {
            digits = digits.substring(hotline.length());
        }
        if (digits.length() != DAY_AND_SEQUENCE) {
            return Optional.empty();
        }
        String orderId = hotline + "-" + digits.substring(0, 8) + "-" + digits.substring(8);
        return store.get(orderId).filter(order -> national(order.callerNumber()).equals(caller));
    }

    /** What the caller keys in for {@code orderId} (and hears read back): its digits after the hotline's. */
    public String keyedNumber(String orderId) {
        String digits = orderId.replaceAll("[^0-9]", "");
        return digits.startsWith(hotline) && digits.length() > hotline.length() ? digits.substring(hotline.length()) : digits;
    }

    /** The number without a +86 / 0086 country prefix, digits only; "" for a withheld or empty number. */
    static String national(String number) {
        String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.length() < 3 ? "" : digits;
    }
}
