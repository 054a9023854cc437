package org.hotline.ivr.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.command.AgiCommand;

/** FastAGI figures for Prometheus: calls in progress, calls and refusals, command round-trip times. */
public final class AgiMetrics implements AgiCommandListener {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter calls;
    /** One timer per command class, found without hashing a name on every command. */
    private final ClassValue<Timer> timers = new ClassValue<>() {
        @Override
        protected Timer computeValue(Class<?> type) {
            return Timer.builder("ivr_agi_command").tag("command", type.getSimpleName().replace("Command", ""))
                    .register(registry);
        }
    };
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();

    public AgiMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("ivr_agi_calls_active", active);
        this.calls = Counter.builder("ivr_agi_calls").description("FastAGI calls accepted").register(registry);
    }

    void callStarted() {
        active.incrementAndGet();
        calls.increment();
    }

    void callEnded() {
        active.decrementAndGet();
    }

    public int activeCalls() {
        return active.get();
    }

    /** A connection closed for a reason other than a normal end: protocol error, idle, refused peer. */
    void closed(String reason) {
        closes.computeIfAbsent(reason, r -> Counter.builder("ivr_agi_connections_refused")
                .tag("reason", r).register(registry)).increment();
    }

    @Override
    public void replied(AgiCommand command, int status, long nanos) {
        timers.get(command.getClass()).record(nanos, TimeUnit.NANOSECONDS);
    }
}
