package org.hotline.ivr.flow;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetOptionCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.agi.AgiCommandChannel;
import org.hotline.ivr.ops.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.CallDistributor;

/**
 * "Press 1 for a callback", after the caller pressed 1: read back the number we would call, 1 to confirm or
 * 2 to key in another; then the call becomes a callback that keeps its place, and we say good-bye and hang
 * up. Anything else (no key, no number, or a seat freed up meanwhile) returns the caller to waiting.
 */
final class CallbackDialog {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialog.class);

    private final CallDistributor distributor;
    private final HoldSettings settings;
    private final HoldPlan.Prompts prompts;
    private final Consumer<String> journal;
    private final AgiCommandChannel agi;

    CallbackDialog(CallDistributor distributor, HoldSettings settings, HoldPlan.Prompts prompts, Consumer<String> journal,
                   AgiCommandChannel agi) {
        this.distributor = distributor;
        this.settings = settings;
        this.prompts = prompts;
        this.journal = journal;
        this.agi = agi;
    }

    /** Empty: keep waiting. */
    CompletionStage<Optional<HoldOutcome>> run(WaitingCall waiting, CompletableFuture<SeatOffer> offer) {
        String known = digitsOnly(waiting.callerNumber());
        if (known.isEmpty()) {
            return askForNumber(waiting, offer);
        }
        return agi.send(new StreamFileCommand(prompts.callbackNumberIs().name(), ""))
                .thenCompose(r -> agi.send(new SayDigitsCommand(known, "")))
                .thenCompose(r -> agi.send(new GetOptionCommand(prompts.callbackConfirm().name(), "12", settings.keyWait().toMillis())))
                .thenCompose(reply -> switch (reply.getResultCode()) {
                    case '1' -> confirm(waiting, offer, known);
                    case '2' -> askForNumber(waiting, offer);
                    default -> keepWaiting();
                });
    }

    private CompletionStage<Optional<HoldOutcome>> askForNumber(WaitingCall waiting, CompletableFuture<SeatOffer> offer) {
        return agi.send(new GetDataCommand(prompts.callbackEnterNumber().name(), settings.keyWait().toMillis(),
                        settings.maxNumberDigits()))
                .thenCompose(reply -> {
                    String number = keyed(reply);
                    return number.isEmpty() ? keepWaiting() : confirm(waiting, offer, number);
                });
    }

    private CompletionStage<Optional<HoldOutcome>> confirm(WaitingCall waiting, CompletableFuture<SeatOffer> offer,
                                                           String number) {
        if (offer.isDone()) {
            return keepWaiting(); // a seat is already reserved: connecting beats calling back
        }
        return distributor.offerCallback(waiting, number).handle((position, failure) -> failure == null)
                .thenCompose(converted -> {
                    if (!converted) {
                        return keepWaiting();
                    }
                    log.info("call {} became a callback to {}", waiting.callId(), PhoneNumbers.mask(number));
                    journal.accept("hold: callback booked to " + PhoneNumbers.mask(number) + ", place kept");
                    return agi.send(new StreamFileCommand(prompts.callbackConfirmed().name(), ""))
                            .thenCompose(r -> agi.send(new HangupCommand()))
                            .handle((r, hungUpAnyway) -> Optional.of(HoldOutcome.CALLBACK));
                });
    }

    private static CompletionStage<Optional<HoldOutcome>> keepWaiting() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private static String keyed(AgiReply reply) {
        return digitsOnly(reply.getResult()); // "1234 (timeout)" still carries the digits keyed before it
    }

    private static String digitsOnly(String text) {
        return text == null ? "" : text.replaceAll("[^0-9]", "");
    }
}
