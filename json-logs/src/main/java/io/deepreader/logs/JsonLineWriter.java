package io.deepreader.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/**
 * One event, one line: {@code time, level, logger, thread, message}, then the MDC (request, batch and
 * document ids), then the event's key-value pairs, then {@code error} and {@code stackTrace} when a
 * throwable was logged. Numbers, booleans, maps and lists stay JSON types, so timings can be summed and
 * filtered in Logs Insights. A later field of the same name wins (a key-value over the MDC); the fixed
 * fields cannot be overwritten.
 */
final class JsonLineWriter {
    private static final Set<String> FIXED = Set.of("time", "level", "logger", "thread", "message", "error", "stackTrace");
    /** Keeps a pathological value (a self-containing map) from running away. */
    private static final int MAX_DEPTH = 8;

    private final JsonFactory json = new JsonFactory();
    private final Supplier<PrintStream> out;
    private final MDCAdapter mdc;
    private final Clock clock;

    JsonLineWriter(Supplier<PrintStream> out, MDCAdapter mdc, Clock clock) {
        this.out = out;
        this.mdc = mdc;
        this.clock = clock;
    }

    void write(Level level, String logger, String message, List<KeyValuePair> keyValues, Throwable error) {
        String line = format(level, logger, message, keyValues, error);
        PrintStream stream = out.get();
        // One print call per line: concurrent threads' lines never interleave within a line.
        stream.print(line);
        stream.flush();
    }

    String format(Level level, String logger, String message, List<KeyValuePair> keyValues, Throwable error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> context = mdc.getCopyOfContextMap();
        if (context != null) {
            new TreeMap<>(context).forEach((k, v) -> put(fields, k, v));
        }
        if (keyValues != null) {
            for (KeyValuePair kv : keyValues) {
                put(fields, kv.key, kv.value);
            }
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
            g.writeStringField("level", level.name());
            g.writeStringField("logger", logger);
            g.writeStringField("thread", Thread.currentThread().getName());
            g.writeStringField("message", message);
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                writeValue(g, f.getValue(), 0, new IdentityHashMap<>());
            }
            if (error != null) {
                g.writeStringField("error", error.toString());
                g.writeStringField("stackTrace", stackTrace(error));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    private static void put(Map<String, Object> fields, String key, Object value) {
        if (key == null) {
            return;
        }
        fields.remove(key); // keep the order of the latest write
        fields.put(FIXED.contains(key) ? "field." + key : key, value);
    }

    private static void writeValue(JsonGenerator g, Object value, int depth, Map<Object, Boolean> seen) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(String.valueOf(d));
            }
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (depth >= MAX_DEPTH || !(value instanceof Map || value instanceof Iterable || value.getClass().isArray())
                || seen.put(value, Boolean.TRUE) != null) {
            g.writeString(String.valueOf(value));
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue(), depth + 1, seen);
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                writeValue(g, item, depth + 1, seen);
            }
            g.writeEndArray();
        } else {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                writeValue(g, Array.get(value, i), depth + 1, seen);
            }
            g.writeEndArray();
        }
    }

    /** The usual Java stack trace text, kept inside one JSON string (one log event, not one per frame). */
    static String stackTrace(Throwable error) {
        StringBuilder s = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = error;
        String prefix = "";
        while (t != null && seen.put(t, Boolean.TRUE) == null) {
            s.append(prefix).append(t).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                s.append("\tat ").append(frame).append('\n');
            }
            for (Throwable suppressed : t.getSuppressed()) {
                s.append("\tSuppressed: ").append(suppressed).append('\n');
            }
            prefix = "Caused by: ";
            t = t.getCause();
        }
        return s.toString().stripTrailing();
    }
}
