package io.deepreader.client;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Serves the real OCR handler and records the documents of every request that reached it, so a test can
 * check what the function was actually asked (throttled requests never get here).
 */
final class RecordingHandler implements RequestStreamHandler {
    /** One entry per request: the docIds it carried, in order. */
    final List<List<String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final RequestStreamHandler delegate;

    RecordingHandler(RequestStreamHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        List<String> ids = new ArrayList<>();
        for (JsonNode doc : Json.mapper().readTree(payload).path("documents")) {
            ids.add(doc.path("docId").asText());
        }
        requests.add(List.copyOf(ids));
        delegate.handleRequest(new ByteArrayInputStream(payload), output, context);
    }

    List<String> allDocuments() {
        synchronized (requests) {
            return requests.stream().flatMap(List::stream).toList();
        }
    }
}
