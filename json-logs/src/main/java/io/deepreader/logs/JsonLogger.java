package io.deepreader.logs;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/**
 * Classic calls ({@code LOG.info("...", args)}) and fluent ones ({@code LOG.atInfo().addKeyValue(...)})
 * both end in {@link JsonLineWriter}; the fluent API's key-value pairs become JSON fields
 * (SLF4J would otherwise fold them into the message text).
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    private final transient LogThreshold threshold;
    private final transient JsonLineWriter writer;

    JsonLogger(String name, LogThreshold threshold, JsonLineWriter writer) {
        this.name = name;
        this.threshold = threshold;
        this.writer = writer;
    }

    @Override
    public void log(LoggingEvent event) {
        if (!threshold.allows(event.getLevel())) {
            return;
        }
        NormalizedParameters p = NormalizedParameters.normalize(event);
        writer.write(event.getLevel(), name, MessageFormatter.basicArrayFormat(p.getMessage(), p.getArguments()),
                event.getKeyValuePairs(), p.getThrowable());
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        writer.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(), throwable);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold.allows(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold.allows(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold.allows(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold.allows(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold.allows(Level.ERROR);
    }
}
