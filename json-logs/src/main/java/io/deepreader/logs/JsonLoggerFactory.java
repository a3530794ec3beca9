package io.deepreader.logs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

final class JsonLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogThreshold threshold;
    private final JsonLineWriter writer;

    JsonLoggerFactory(LogThreshold threshold, JsonLineWriter writer) {
        this.threshold = threshold;
        this.writer = writer;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold, writer));
    }
}
