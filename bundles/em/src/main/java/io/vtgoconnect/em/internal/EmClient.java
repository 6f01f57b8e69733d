package io.vtgoconnect.em.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_EM_REQUEST_FAILED;

import io.vtgoconnect.api.CommandException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the Extension Mobility API (as a CallManager serves it at /emservice/EMServiceServlet):
 * each request is XML posted as the form field {@code xml}. Credentials go in appInfo: the user's
 * own ID and PIN, or an application user's with proxy rights. Nothing here prints or logs them.
 */
final class EmClient {
    private final URI service;
    private final Duration timeout;
    /** Made at the first request: see {@link #http()}. */
    private HttpClient http;

    EmClient(URI service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
    }

    /**
     * The HTTP client, made when a request first needs it: a client's selector thread waits in native
     * code, and the JVM's exit waits 0.3 s or more for such a thread, in every run that never used EM.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout).build();
        }
        return http;
    }

    void login(String deviceName, String userId, String appId, String appCertificate) {
        send("<request>" + appInfo(appId, appCertificate) + "<login><deviceName>" + escape(deviceName) + "</deviceName>"
                + "<userID>" + escape(userId) + "</userID></login></request>", "login");
    }

    void logout(String deviceName, String appId, String appCertificate) {
        send("<request>" + appInfo(appId, appCertificate) + "<logout><deviceName>" + escape(deviceName)
                + "</deviceName></logout></request>", "logout");
    }

    private static String appInfo(String appId, String appCertificate) {
        return "<appInfo><appID>" + escape(appId) + "</appID><appCertificate>" + escape(appCertificate)
                + "</appCertificate></appInfo>";
    }

    private void send(String xml, String request) {
        HttpRequest post = HttpRequest.newBuilder(service).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build();
        HttpResponse<byte[]> response;
        try {
            response = http().send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CommandException(ERROR_EM_REQUEST_FAILED, "The EM service at " + service + " could not be reached ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ERROR_EM_REQUEST_FAILED, "Interrupted while waiting for the EM service.");
        }
        if (response.statusCode() != 200) {
            throw new CommandException(ERROR_EM_REQUEST_FAILED, "The EM service at " + service + " answered HTTP "
                    + response.statusCode() + " to the " + request + ".");
        }
        EmReply.check(response.body(), request);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
