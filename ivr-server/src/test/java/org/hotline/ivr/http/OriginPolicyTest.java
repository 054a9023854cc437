package org.hotline.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static WebRequest request(String host, String origin) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Host", host);
        if (origin != null) {
            headers.set("Origin", origin);
        }
        return new WebRequest(HttpMethod.POST, "/console/api/state", headers, new byte[0], null);
    }

    @Test
    void withoutAListOnlyThePagesOwnHostIsAllowed() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertThat(policy.allows(request("ivr.example:8080", "http://ivr.example:8080"))).isTrue();
        assertThat(policy.allows(request("ivr.example:8080", "https://IVR.example:8080/"))).isTrue();
        assertThat(policy.allows(request("ivr.example:8080", "http://evil.example"))).isFalse();
        assertThat(policy.allows(request("ivr.example:8080", "null"))).isFalse();
        assertThat(policy.allows(request("ivr.example:8080", null))).isTrue();
        assertThat(policy.allowsUpgrade(request("ivr.example:8080", null))).isFalse();
    }

    @Test
    void aConfiguredListIsAllThatIsAllowed() {
        OriginPolicy policy = new OriginPolicy(List.of("https://console.example.org"));
        assertThat(policy.allows(request("10.0.0.5:8080", "https://console.example.org"))).isTrue();
        assertThat(policy.allows(request("10.0.0.5:8080", "http://10.0.0.5:8080"))).isFalse();
    }
}
