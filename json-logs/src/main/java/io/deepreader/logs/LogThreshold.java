package io.deepreader.logs;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/** The lowest level written; {@code OFF} writes nothing. */
record LogThreshold(int minimum) {
    static final LogThreshold OFF = new LogThreshold(Integer.MAX_VALUE);

    static LogThreshold of(Level level) {
        return new LogThreshold(level.toInt());
    }

    /** {@code LOG_LEVEL} first, then Lambda's advanced logging control {@code AWS_LAMBDA_LOG_LEVEL}; INFO otherwise. */
    static LogThreshold fromEnv(Map<String, String> env) {
        String value = env.getOrDefault("LOG_LEVEL", env.get("AWS_LAMBDA_LOG_LEVEL"));
        if (value == null || value.isBlank()) {
            return of(Level.INFO);
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        switch (name) {
            case "OFF":
                return OFF;
            case "FATAL":
                return of(Level.ERROR);
            default:
                try {
                    return of(Level.valueOf(name));
                } catch (IllegalArgumentException e) {
                    return of(Level.INFO);
                }
        }
    }

    boolean allows(Level level) {
        return level.toInt() >= minimum;
    }
}
