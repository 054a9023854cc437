package org.hotline.ivr.order;

import java.util.List;

/**
 * A work order (工单) as stored and as the API shows it. Created as a {@link OrderStatus#DRAFT} from a
 * call; a seat corrects it and submits it. {@code evidence} lists the phrases and names that decided
 * the draft's category, place and urgency; {@code history} every later change; {@code handling} what the seat decided (type, direct answer or
 * dispatch, reply, confidentiality, contact, repeat of). {@code dispatchBy} is when it
 * must be dispatched to its unit ({@link DispatchDeadlines#FORMAT}, e.g. {@code 2026-12-03T10:00+08:00}).
 */
public record DraftOrder(
        String orderId,
        String callId,
        String callerNumber,
        String language,
        List<String> menuPath,
        String transcript,
        String recordingPath,
        String category,
        String subCategory,
        String district,
        String street,
        String community,
        String urgency,
        String emergencyDial,
        String summary,
        String handlingUnit,
        String dispatchBy,
        List<EarlierOrder> earlierOrders,
        boolean repeat,
        OrderStatus status,
        List<String> evidence,
        String createdAt,
        String updatedAt,
        CaseProgress progress,
        List<Edit> history,
        OrderHandling handling) {

    /** An order the seat has not yet typed, classified or decided anything about ({@link OrderHandling#NONE}). */
    public DraftOrder(String orderId, String callId, String callerNumber, String language, List<String> menuPath,
                      String transcript, String recordingPath, String category, String subCategory, String district,
                      String street, String community, String urgency, String emergencyDial, String summary,
                      String handlingUnit, String dispatchBy, List<EarlierOrder> earlierOrders, boolean repeat,
                      OrderStatus status, List<String> evidence, String createdAt, String updatedAt,
                      CaseProgress progress, List<Edit> history) {
        this(orderId, callId, callerNumber, language, menuPath, transcript, recordingPath, category, subCategory,
                district, street, community, urgency, emergencyDial, summary, handlingUnit, dispatchBy, earlierOrders,
                repeat, status, evidence, createdAt, updatedAt, progress, history, OrderHandling.NONE);
    }

    public DraftOrder {
        menuPath = List.copyOf(menuPath);
        earlierOrders = List.copyOf(earlierOrders);
        evidence = List.copyOf(evidence);
        history = List.copyOf(history);
        progress = progress == null ? CaseProgress.NONE : progress;
        handling = handling == null ? OrderHandling.NONE : handling;
    }
}
