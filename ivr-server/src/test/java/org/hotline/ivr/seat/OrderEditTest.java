package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderEditTest {

    private static final Set<String> CODES = Set.of("city-management", "city-management/garbage");

    @Test
    void eachBadFieldIsNamed() {
        OrderEdit edit = new OrderEdit("made-up", "x".repeat(201), "whenever", "s".repeat(4001));
        assertThat(edit.problems(CODES)).containsExactly("category: unknown code made-up",
                "urgency: must be one of normal, high, emergency", "location: longer than 200 characters",
                "summary: longer than 4000 characters");
    }

    @Test
    void aSubmittedOrderNeedsACategoryAndASummary() {
        OrderEdit edit = new OrderEdit("", "", "normal", "  ");
        assertThat(edit.problems(CODES)).isEmpty();
        assertThat(edit.missingForSubmit()).containsExactly("category: required to submit", "summary: required to submit");
    }
}
