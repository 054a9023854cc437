package org.hotline.ivr.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotline.ivr.ops.IvrConfig;

/**
 * Kannel's smsbox HTTP interface: {@code GET /cgi-bin/sendsms?username&password&from&to&text}, the text in UTF-8
 * ({@code charset=UTF-8}); text with anything beyond ASCII (Chinese, Cyrillic, accents) goes on the air as UCS-2
 * ({@code coding=2}). Kannel splits a long text into concatenated parts itself ({@code concatenation = true} for
 * the sendsms user). It answers {@code 202 "0: Accepted for delivery"} (or {@code "3: Queued for later delivery"}),
 * {@code 403 "Authorization failed for sendsms"}, {@code 4xx} for a bad request. The password goes in the query
 * string as Kannel wants it: the URL is therefore never logged nor put in an error.
 */
public final class KannelGateway implements SmsGateway {

    private final URI sendsms;
    private final String user;
    private final String password;
    private final String from;
    private final Duration timeout;
    private final HttpClient http;

    public KannelGateway(String url, String user, String password, String from, Duration timeout) {
        this.sendsms = URI.create(url);
        this.user = user;
        this.password = password;
        this.from = from;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static KannelGateway from(IvrConfig.Sms config) {
        return new KannelGateway(config.kannelUrl(), config.kannelUser(), config.password(), config.from(),
                config.timeout());
    }

    @Override
    public SendResult send(String to, String text) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("username", user);
        query.put("password", password);
        query.put("from", from);
        query.put("to", to);
        query.put("charset", "UTF-8");
        if (!text.chars().allMatch(c -> c < 0x80)) {
            query.put("coding", "2");
        }
        query.put("text", text);
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sendsms + "?" + encoded)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String answer = response.body().strip();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new SendResult(Outcome.ACCEPTED, status, answer);
            }
            return new SendResult(status >= 500 ? Outcome.UNAVAILABLE : Outcome.REFUSED, status,
                    answer.isEmpty() ? "no text" : answer);
        } catch (IOException e) {
            // The exception's text names at most the host, never the query with the password.
            return new SendResult(Outcome.UNAVAILABLE, 0, "gateway unreachable at " + sendsms.getHost() + ":"
                    + sendsms.getPort() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(Outcome.UNAVAILABLE, 0, "interrupted");
        }
    }

    @Override
    public String describe() {
        return "kannel " + sendsms.getHost() + ":" + sendsms.getPort() + " as " + user;
    }
}
