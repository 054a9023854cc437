package org.hotline.ivr.seat.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.ivr.seat.OrderEdit;
import org.junit.jupiter.api.Test;

class OrderStoreEditingTest {

    @Test
    void theFormsCategoryAndLocationBecomeTheStoresFields() {
        assertThat(OrderStoreEditing.fields(new OrderEdit("city-management/garbage", "朝阳区 双井街道 富力城小区", "high", "s")))
                .containsEntry("category", "city-management").containsEntry("subCategory", "garbage")
                .containsEntry("district", "朝阳区").containsEntry("street", "双井街道").containsEntry("community", "富力城小区")
                .containsEntry("urgency", "high").containsEntry("summary", "s");
        assertThat(OrderStoreEditing.fields(new OrderEdit("heating", "", "", "")))
                .containsEntry("subCategory", "").containsEntry("district", "").doesNotContainKey("urgency");
        assertThat(OrderStoreEditing.fields(new OrderEdit("", "", "", "typed so far")))
                .as("a partial draft saves without a category").doesNotContainKeys("category", "subCategory")
                .containsEntry("summary", "typed so far");
    }
}
