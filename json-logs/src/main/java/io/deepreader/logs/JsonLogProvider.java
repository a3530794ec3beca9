package io.deepreader.logs;

import java.time.Clock;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The Lambda functions' SLF4J binding: every event becomes one JSON object on one line of stderr, which
 * Lambda ships to CloudWatch Logs as one event that Logs Insights can query by field. The threshold comes
 * from {@code LOG_LEVEL} (or Lambda's {@code AWS_LAMBDA_LOG_LEVEL}), read once here; INFO by default.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public void initialize() {
        LogThreshold threshold = LogThreshold.fromEnv(System.getenv());
        // System.err is looked up per line: tests and the serve mode may redirect it after start-up.
        JsonLineWriter writer = new JsonLineWriter(() -> System.err, mdc, Clock.systemUTC());
        loggers = new JsonLoggerFactory(threshold, writer);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
