package org.hotline.ivr.seat.live;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hotline.ivr.followup.CallbackRetries;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.queue.QueueConfig;
import org.hotline.ivr.queue.QueueSetup;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.seat.CallbackScheduling;

/**
 * Callbacks a seat schedules from the desk: a callback call of its own id, linked to the order (so its attempts
 * land on the order), due at the chosen time in {@link CallbackRetries}, the store the callback bridge polls and
 * queues from; in a queue the seat serves in the order's language (else the seat's first queue). The appointment is
 * written on the order as a contact ({@code callback-scheduled}).
 */
final class DeskCallbacks implements CallbackScheduling {

    private final QueueSetup setup;
    private final CallbackRetries due;
    private final OrderContacts contacts;
    private final Clock clock;

    DeskCallbacks(QueueSetup setup, CallbackRetries due, OrderContacts contacts, Clock clock) {
        this.setup = setup;
        this.due = due;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public Optional<Scheduled> schedule(String seatId, String orderId, String language, String number, Instant at) {
        List<QueueConfig> served = setup.seats().stream().filter(seat -> seat.id().equals(seatId)).findFirst()
                .map(setup::queuesServedBy).orElse(List.of());
        Optional<QueueConfig> queue = served.stream().filter(q -> q.language().equals(language)).findFirst()
                .or(() -> served.stream().findFirst());
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        String callbackId = "cb-" + UUID.randomUUID();
        contacts.linkCall(callbackId, orderId);
        due.scheduleAt(new WaitingCall(callbackId, queue.get().id(), "", language, number), at);
        contacts.record(orderId, new OrderContact("callback-scheduled", 0, "scheduled",
                "for " + at + " by seat " + seatId + " in " + queue.get().id(), clock.instant().toString()), java.util.Map.of());
        return Optional.of(new Scheduled(callbackId, queue.get().id(), at));
    }
}
