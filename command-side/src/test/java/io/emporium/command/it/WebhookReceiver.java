package io.emporium.command.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A webhook receiver on this host, as a merchant's service would run one: it keeps what it is sent and answers with the
 * status it is told to. {@link #verify} is a receiver's check, written from the Standard Webhooks specification alone.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long TOLERANCE_SECONDS = 5 * 60;

    record Delivery(String path, String id, String timestamp, String signature, byte[] body) {
        JsonNode event() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final List<Delivery> received = new ArrayList<>();
    private int port;
    private HttpServer server;
    private volatile int status = 204;

    private WebhookReceiver() throws IOException {
        listen();
        port = server.getAddress().getPort();
    }

    /** On a free port of its own. */
    static WebhookReceiver start() throws IOException {
        return new WebhookReceiver();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** What every request is answered from now on (a 3xx with a Location to /elsewhere). */
    void answer(int status) {
        this.status = status;
    }

    synchronized List<Delivery> received() {
        return List.copyOf(received);
    }

    /** Down: connections are refused. */
    void stop() {
        server.stop(0);
    }

    /** Up again on the same port (the port it had is let go a moment after it stopped). */
    void listen() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                break;
            } catch (java.net.BindException e) {
                if (attempt == 50) throw e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            synchronized (this) {
                received.add(new Delivery(exchange.getRequestURI().getPath(), headers.getFirst("webhook-id"),
                        headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"), body));
            }
            int answer = status;
            if (answer >= 300 && answer < 400) exchange.getResponseHeaders().add("Location", url("/elsewhere"));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A receiver's check: the timestamp within five minutes of now, and one of the signatures ({@code v1,<base64>}, space
     * separated) equal to HMAC-SHA256 over {@code id.timestamp.body} with the key the secret ({@code whsec_<base64>}) holds.
     */
    static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body, Instant now) throws Exception {
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE_SECONDS) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + new String(body, UTF_8)).getBytes(UTF_8));
        for (String signature : signatures.split(" ")) {
            String[] versioned = signature.split(",", 2);
            if (versioned.length == 2 && versioned[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                return true;
            }
        }
        return false;
    }
}
