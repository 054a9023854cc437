package org.hotline.ivr.flow;

import java.time.Clock;
import org.hotline.ivr.redis.RedisGateway;

/**
 * For tests of the flow engine itself (reload, subflows, hang-ups, the journal): the runner's services without the
 * speech, queue and order parts. Describe streams over AudioSocket to {@code audioHost:audioPort} with no
 * recognizer, enqueue dials the flow's queue-fallback, drafts are a hash in Redis. Production and
 * {@code ./ivr flow simulate} never run these: IvrServer wires the real parts.
 */
public final class StandInServices {

    private StandInServices() {
    }

    public static FlowServices of(RedisGateway redis, String audioHost, int audioPort) {
        return new FlowServices(new AudioSocketCapture(audioHost, audioPort), FlowServices.SpeechMenus.NONE,
                FlowServices.QueueStatus.NO_QUEUES, new FallbackTransfer(), new RedisDraftOrders(redis),
                Clock.systemDefaultZone());
    }
}
