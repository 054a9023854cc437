package org.hotline.ivr.order;

import java.util.List;

/**
 * What the seat decides about the case besides category and place: its type (咨询 consult, 求助 help, 投诉 complaint,
 * 举报 report, 建议 suggestion, 表扬 praise), whether the seat answered it directly in the call or it goes to a unit
 * ({@code direct} / {@code dispatch}), whether the citizen wants a reply and whether their identity stays
 * confidential toward the unit, the contact's name and callback number (when not the calling number), and the
 * earlier order this one repeats ({@code repeatOf}, the seat's repeat/merge marking). Empty strings until set.
 */
public record OrderHandling(String type, String handling, boolean replyRequired, boolean confidential,
                            String contactName, String callbackNumber, String repeatOf) {

    public static final OrderHandling NONE = new OrderHandling("", "", false, false, "", "", "");
    public static final List<String> TYPES = List.of("consult", "help", "complaint", "report", "suggestion", "praise");
    public static final String DIRECT = "direct";
    public static final String DISPATCH = "dispatch";

    public OrderHandling {
        type = type == null ? "" : type;
        handling = handling == null ? "" : handling;
        contactName = contactName == null ? "" : contactName;
        callbackNumber = callbackNumber == null ? "" : callbackNumber;
        repeatOf = repeatOf == null ? "" : repeatOf;
    }

    /** Answered by the seat in the call: nothing to dispatch. */
    public boolean answeredDirectly() {
        return DIRECT.equals(handling);
    }
}
