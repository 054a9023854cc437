package org.hotline.ivr.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Asterisk manager interface for tests, speaking the real AMI text protocol over TCP: banner,
 * Challenge/Login (MD5), event mask, actions with ActionID, lists (DeviceStateList, Status), Originate,
 * Ping, Logoff. Tests can drop it mid-session, bring it back on the same port, slow it down, and feed it
 * events or raw garbage.
 */
public final class FakeAmiPeer implements AutoCloseable {

    public static final String BANNER = "Asterisk Call Manager/9.0.0";
    private static final String CHALLENGE = "840212345";

    private final String user;
    private final String secret;
    private final int port;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    public final Map<String, String> deviceStates = new ConcurrentHashMap<>();
    public final List<Map<String, String>> channels = new CopyOnWriteArrayList<>();
    volatile long responseDelayMillis;
    /** How the next Status lists end: refused with an Error, or cut after the first channel (Asterisk died). */
    public final java.util.Queue<String> statusFaults = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    private volatile ServerSocket server;
    private volatile Thread acceptor;

    public FakeAmiPeer(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = bind(0);
        this.port = server.getLocalPort();
        acceptInBackground(server);
    }

    public int port() {
        return port;
    }

    /** Every action received so far, as its headers (keys as sent). */
    public List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    public List<Map<String, String>> actions(String name) {
        return actions.stream().filter(a -> name.equalsIgnoreCase(a.get("Action"))).toList();
    }

    public int loggedInSessions() {
        return (int) sessions.stream().filter(s -> s.loggedIn).count();
    }

    /** Sends an event of manager class {@code eventClass} to every session logged in with that class in its mask. */
    public void emit(String eventClass, Map<String, String> headers) {
        if ("DeviceStateChange".equals(headers.get("Event"))) {
            deviceStates.put(headers.get("Device"), headers.get("State"));
        }
        StringBuilder packet = new StringBuilder();
        // timestampevents = yes, as our manager.conf sets it
        packet.append("Timestamp: ").append(now()).append("\r\n");
        headers.forEach((k, v) -> packet.append(k).append(": ").append(v).append("\r\n"));
        packet.append("Privilege: ").append(eventClass).append(",all\r\n\r\n");
        sessions.stream().filter(s -> s.loggedIn && s.wants(eventClass)).forEach(s -> s.write(packet.toString()));
    }

    /** Asterisk's clock as its events print it; strictly increasing so every event is distinct. */
    private String now() {
        return String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0 + clock.incrementAndGet() / 1e6);
    }

    /** Writes text as is to every logged-in session: for malformed packets. */
    public void sendRaw(String text) {
        sessions.stream().filter(s -> s.loggedIn).forEach(s -> s.write(text));
    }

    /** Asterisk dies: the port closes and every session is cut. */
    public void stop() throws IOException {
        server.close();
        try {
            // the socket is only really closed once the thread blocked in accept() has left it
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.forEach(Session::close);
        sessions.clear();
    }

    /** Asterisk is back, on the same port. */
    public void restart() throws IOException {
        server = bind(port);
        acceptInBackground(server);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Waits for the {@code nth} Originate whose variables name {@code value} (e.g. an order id). */
    public Map<String, String> awaitOriginate(String value, int nth) {
        Eventually.until("originate #" + nth + " for " + value, () -> originatesFor(value).size() >= nth);
        return originatesFor(value).get(nth - 1);
    }

    public Map<String, String> awaitOriginate(String value) {
        return awaitOriginate(value, 1);
    }

    public List<Map<String, String>> originatesFor(String value) {
        return actions("Originate").stream().filter(a -> a.getOrDefault("Variable", "").contains(value)).toList();
    }

    /** What Asterisk reports when the originated channel answered (reason 4) or rang out (reason 3). */
    public void originateResponse(Map<String, String> originate, boolean answered) {
        emit("call", Map.of("Event", "OriginateResponse", "ActionID", originate.get("ActionID"),
                "Response", answered ? "Success" : "Failure", "Channel", originate.get("Channel"),
                "Reason", answered ? "4" : "3", "Uniqueid", answered ? "1764000000.77" : "<null>"));
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptInBackground(ServerSocket listening) {
        acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Session session = new Session(listening.accept());
                    sessions.add(session);
                    Thread reader = new Thread(session::serve, "fake-ami-session");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-ami-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private final class Session {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private volatile Set<String> mask = Set.of();
        private boolean challenged;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        boolean wants(String eventClass) {
            return mask.contains("on") || mask.contains("all") || mask.contains(eventClass);
        }

        void serve() {
            write(BANNER + "\r\n");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                Map<String, String> packet = headers();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            packet.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
                        }
                        continue;
                    }
                    if (!packet.isEmpty()) {
                        actions.add(java.util.Collections.unmodifiableMap(packet));
                        answer(packet);
                        packet = headers();
                    }
                }
            } catch (IOException e) {
                // session cut
            } finally {
                close();
                sessions.remove(this);
            }
        }

        private void answer(Map<String, String> action) {
            pause();
            String id = action.getOrDefault("ActionID", "");
            String name = action.getOrDefault("Action", "").toLowerCase(Locale.ROOT);
            if (!loggedIn && !name.equals("challenge") && !name.equals("login")) {
                reply(id, "Error", "Message: Authentication Required");
                return;
            }
            switch (name) {
                case "challenge" -> {
                    challenged = true;
                    reply(id, "Success", "Challenge: " + CHALLENGE);
                }
                case "login" -> login(id, action);
                case "coresettings" -> reply(id, "Success", "AMIversion: 9.0.0\r\nAsteriskVersion: 22.10.1\r\nSystemName: fake");
                case "ping" -> reply(id, "Success", "Ping: Pong\r\nTimestamp: " + now());
                case "devicestatelist" -> deviceStateList(id);
                case "status" -> status(id);
                case "originate" -> reply(id, "Success", "Message: Originate successfully queued");
                case "logoff" -> {
                    reply(id, "Goodbye", "Message: Thanks for all the fish.");
                    close();
                }
                default -> reply(id, "Error", "Message: Invalid/unknown command");
            }
        }

        private void login(String id, Map<String, String> action) {
            boolean userOk = user.equals(action.get("Username"));
            boolean keyOk = challenged && md5(CHALLENGE + secret).equals(action.get("Key"));
            boolean plainOk = secret.equals(action.get("Secret"));
            if (!userOk || !(keyOk || plainOk)) {
                reply(id, "Error", "Message: Authentication failed");
                close();
                return;
            }
            String events = action.getOrDefault("Events", "on");
            mask = Set.of(events.toLowerCase(Locale.ROOT).split(","));
            loggedIn = true;
            reply(id, "Success", "Message: Authentication accepted");
            write("Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n");
        }

        private void deviceStateList(String id) {
            reply(id, "Success", "EventList: start\r\nMessage: Device State Changes will follow");
            List<String> devices = new ArrayList<>(new java.util.TreeSet<>(deviceStates.keySet()));   // in name order
            devices.forEach(device -> write("Event: DeviceStateChange\r\nActionID: " + id + "\r\nDevice: " + device
                    + "\r\nState: " + deviceStates.get(device) + "\r\n\r\n"));
            write("Event: DeviceStateListComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: "
                    + devices.size() + "\r\n\r\n");
        }

        private void status(String id) {
            String fault = statusFaults.poll();
            if ("error".equals(fault)) {
                reply(id, "Error", "Message: Permission denied");
                return;
            }
            reply(id, "Success", "EventList: start\r\nMessage: Channel status will follow");
            for (Map<String, String> channel : channels) {
                StringBuilder event = new StringBuilder("Event: Status\r\nActionID: " + id + "\r\n");
                channel.forEach((k, v) -> event.append(k).append(": ").append(v).append("\r\n"));
                write(event.append("\r\n").toString());
                if ("cut".equals(fault)) {
                    close();
                    return;
                }
            }
            write("Event: StatusComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: "
                    + channels.size() + "\r\nItems: " + channels.size() + "\r\n\r\n");
        }

        private void reply(String id, String response, String more) {
            write("Response: " + response + "\r\nActionID: " + id + "\r\n" + more + "\r\n\r\n");
        }

        private void pause() {
            if (responseDelayMillis > 0) {
                try {
                    Thread.sleep(responseDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** AMI header names are case-insensitive (asterisk-java sends them in lower case). */
    private static Map<String, String> headers() {
        return new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
