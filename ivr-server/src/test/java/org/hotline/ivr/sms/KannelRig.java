package org.hotline.ivr.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kannel for a test class, from {@code ../shared/kannel}: bearerbox, smsbox (HTTP sendsms) and Kannel's
 * fake SMSC on free ports in a run folder of its own. {@link #received()} is what the fake SMSC was handed, the
 * bodies decoded (one entry per part of a concatenated message).
 */
final class KannelRig implements AutoCloseable {

    static final Path LAB = Path.of("..", "..", "shared", "kannel").toAbsolutePath().normalize();
    static final String USER = "ivr";
    static final String PASSWORD = "kannel-test-secret";

    private final Path run;
    private final int sendsmsPort;

    private KannelRig(Path run, int sendsmsPort) {
        this.run = run;
        this.sendsmsPort = sendsmsPort;
    }

    static boolean available() {
        return Files.isExecutable(LAB.resolve("start")) && Files.isExecutable(Path.of("/usr/sbin/bearerbox"))
                && Files.isExecutable(Path.of("/usr/lib/kannel/test/fakesmsc"));
    }

    static KannelRig start(Path run) throws IOException, InterruptedException {
        int[] ports = freePorts(4);
        Process start = new ProcessBuilder(LAB.resolve("start").toString(), run.toString(),
                "--sendsms-port", Integer.toString(ports[0]), "--smsc-port", Integer.toString(ports[1]),
                "--admin-port", Integer.toString(ports[2]), "--box-port", Integer.toString(ports[3]),
                "--user", USER, "--password", PASSWORD)
                .redirectErrorStream(true).redirectOutput(run.resolveSibling(run.getFileName() + ".start.log").toFile())
                .start();
        if (!start.waitFor(60, TimeUnit.SECONDS) || start.exitValue() != 0) {
            throw new IllegalStateException("Kannel did not start: " + Files.readString(
                    run.resolveSibling(run.getFileName() + ".start.log")));
        }
        return new KannelRig(run, ports[0]);
    }

    String url() {
        return "http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms";
    }

    /** Stops the smsbox only: sendsms refuses connections, as a gateway that is down. */
    void stopSmsbox() throws IOException, InterruptedException {
        kill(run.resolve("smsbox.pid"));
        for (int i = 0; i < 100 && listening(); i++) {
            Thread.sleep(50);
        }
    }

    /** Starts the smsbox again on the same configuration; returns once sendsms listens. */
    void startSmsbox() throws IOException, InterruptedException {
        Process smsbox = new ProcessBuilder("/usr/sbin/smsbox", run.resolve("kannel.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("smsbox.out").toFile()))
                .start();
        Files.writeString(run.resolve("smsbox.pid"), Long.toString(smsbox.pid()));
        for (int i = 0; i < 200 && !listening(); i++) {
            Thread.sleep(50);
        }
        // The smsbox listens before its link to the bearerbox is up; Kannel queues what comes meanwhile.
        Thread.sleep(300);
    }

    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sendsmsPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One part as the fake SMSC logged it, the body decoded. */
    record Part(String from, String to, String coding, String text) {
    }

    private static final Pattern LOGGED = Pattern.compile(
            "Got message \\d+: <(\\S+) (\\S+) (?:udh (\\S+) )?(\\S+) (.*)>\\s*$");

    /**
     * Each part the fake SMSC was handed, in order. Read from its log here rather than with the lab's
     * {@code received}: that one decodes whole UCS-2 messages, but a concatenated part is logged as {@code udh ...
     * data ...} whatever its coding, which it prints as UTF-8. Such a part is taken for UCS-2 when it holds a zero
     * byte or one above 0x7F (our UCS-2 texts all carry digits, 0x00 0x3X), else for 7-bit text.
     */
    List<Part> received() throws IOException {
        List<Part> parts = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("fakesmsc.log"), StandardCharsets.ISO_8859_1)) {
            Matcher m = LOGGED.matcher(line);
            if (!m.find()) {
                continue;
            }
            String kind = m.group(4);
            // fakesmsc writes the 0x20 byte as '+', everything else outside [A-Za-z0-9] as %XX.
            byte[] raw = URLDecoder.decode(m.group(5), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
            boolean ucs2 = kind.equals("ucs-2") || (kind.equals("data") && wide(raw));
            parts.add(new Part(m.group(1), m.group(2), ucs2 ? "ucs-2" : kind,
                    new String(raw, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8)));
        }
        return parts;
    }

    private static boolean wide(byte[] raw) {
        for (byte b : raw) {
            if (b == 0 || b < 0) {
                return true;
            }
        }
        return false;
    }

    /** The texts of every part handed for {@code to}, joined in order (a concatenated message's parts back in one). */
    String textTo(String to) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (Part part : received()) {
            if (part.to().equals(to)) {
                text.append(part.text());
            }
        }
        return text.toString();
    }

    /** Waits (at most {@code patience}) until the texts to {@code to} contain {@code wanted}; returns them. */
    String awaitTextTo(String to, String wanted, Duration patience) throws IOException, InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        String text = textTo(to);
        while (!text.contains(wanted) && System.nanoTime() < end) {
            Thread.sleep(100);
            text = textTo(to);
        }
        return text;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String name : List.of("fakesmsc.pid", "smsbox.pid", "bearerbox.pid")) {
            kill(run.resolve(name));
        }
    }

    private static void kill(Path pidFile) throws IOException, InterruptedException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                open.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : open) {
                socket.close();
            }
        }
        return ports;
    }
}
