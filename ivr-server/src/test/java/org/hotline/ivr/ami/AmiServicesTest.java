package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.hotline.ivr.ops.HealthCheck;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI transport of a node against a peer that speaks the manager protocol. */
class AmiServicesTest {

    private final HealthRegistry health = new HealthRegistry();
    private FakeAmiPeer peer;
    private AmiServices services;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new FakeAmiPeer("ivr", "pw");
    }

    @AfterEach
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        peer.close();
    }

    private AmiServices start(boolean enabled, AmiSubscriber... subscribers) {
        IvrConfig.Ami config = new IvrConfig.Ami(enabled,
                List.of(new IvrConfig.AmiServer("pbx1", "127.0.0.1", peer.port(), "ivr", "IVR_AMI_SECRET", "pw")));
        services = AmiServices.create(config, AmiLinkTest.FAST).start(List.of(subscribers), health);
        return services;
    }

    @Test
    void enabledItConnectsShowsEachLinkInHealthAndOriginatesThroughIt() throws Exception {
        AmiLinkTest.Recorder listener = new AmiLinkTest.Recorder();
        start(true, listener);

        Eventually.until("ami healthy", () -> health.report().checks().get("ami").up());
        HealthCheck.Status ami = health.report().checks().get("ami");
        assertThat(ami.required()).isFalse();
        Object pbx1 = ((Map<?, ?>) ami.detail()).get("pbx1");
        assertThat(((AmiLinkStatus) pbx1).state()).isEqualTo(AmiLinkState.UP);
        Eventually.until("listener told the link is up", () -> listener.ups.get() == 1);

        OriginateAction action = new OriginateAction();
        action.setChannel("PJSIP/13800138009@trunk");
        action.setContext("ivr-survey");
        action.setExten("s");
        action.setPriority(1);
        action.setVariable("SURVEY_ORDER", "WO-9");
        var placed = services.originator().originate(action).toCompletableFuture();
        peer.originateResponse(peer.awaitOriginate("WO-9"), true);

        assertThat(placed.get(10, TimeUnit.SECONDS).answered()).isTrue();
    }

    @Test
    void disabledItConnectsNowhereAndSaysSo() {
        start(false);

        HealthCheck.Status ami = health.report().checks().get("ami");
        assertThat(ami.up()).isTrue();
        assertThat(ami.detail().toString()).contains("disabled");
        assertThat(services.enabled()).isFalse();
        assertThat(peer.actions()).isEmpty();
    }
}
