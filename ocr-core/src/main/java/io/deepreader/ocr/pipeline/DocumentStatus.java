package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;

/** OK: outputs written. FAILED: this document is bad (or hit a fault). DEFERRED: not started in time; retry it. */
public enum DocumentStatus {
    OK, FAILED, DEFERRED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
