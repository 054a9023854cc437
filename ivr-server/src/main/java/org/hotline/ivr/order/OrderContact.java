package org.hotline.ivr.order;

/**
 * One contact with the citizen after the call, kept on the order: a callback attempt or a survey.
 *
 * @param kind    {@code callback} or {@code survey}
 * @param attempt 1-based attempt number (1 for a survey answer)
 * @param outcome for a callback {@code answered}, {@code no-answer}, {@code busy}, {@code failed},
 *                {@code seat-unreachable} or {@code unknown}; for a survey {@code answered} or {@code not-reached}
 * @param detail  Asterisk's words (a dial status, an originate reason) or the survey's answers
 * @param at      when it happened (ISO instant)
 */
public record OrderContact(String kind, int attempt, String outcome, String detail, String at) {
}
