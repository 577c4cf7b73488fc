package org.handover.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The national day's people at their screens: HTTP as a sandbox user (HTTP Basic), asynchronous so that a person
 * waiting for an answer holds no thread of the load generator.
 */
final class StaffHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The body of a 200 answer; fails otherwise. */
    CompletableFuture<String> get(String user, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", FftLoad.basic(user))
                .timeout(Duration.ofMinutes(5))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        });
    }

    /** The status of a JSON POST. */
    CompletableFuture<Integer> post(String user, String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", FftLoad.basic(user))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }
}
