package io.deepreader.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final JsonLineWriter writer = new JsonLineWriter(() -> out, mdc,
            Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));

    private Logger logger(Level threshold) {
        return new JsonLoggerFactory(LogThreshold.of(threshold), writer).getLogger("io.deepreader.Test");
    }

    @Test
    void classicCallIsOneLineWithMdcFields() throws IOException {
        mdc.put("requestId", "req-1");
        mdc.put("docId", "d7");
        logger(Level.INFO).info("page {} of {} done", 1, 2);
        List<Map<String, Object>> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).containsEntry("time", "2026-01-02T03:04:05.678Z").containsEntry("level", "INFO")
                .containsEntry("logger", "io.deepreader.Test").containsEntry("message", "page 1 of 2 done")
                .containsEntry("requestId", "req-1").containsEntry("docId", "d7");
    }

    @Test
    void keyValuesKeepTheirJsonTypes() throws IOException {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("detectMs", 12L);
        timings.put("recognizeMs", 340L);
        logger(Level.INFO).atInfo().addKeyValue("pages", 3).addKeyValue("ok", true).addKeyValue("ratio", 0.5)
                .addKeyValue("timingsMs", timings).addKeyValue("note", "a \"quoted\"\nline").log("document done");
        Map<String, Object> line = lines().get(0);
        assertThat(line).containsEntry("message", "document done").containsEntry("pages", 3L)
                .containsEntry("ok", true).containsEntry("ratio", 0.5).containsEntry("note", "a \"quoted\"\nline");
        assertThat(line.get("timingsMs")).isEqualTo(Map.of("detectMs", 12L, "recognizeMs", 340L));
    }

    @Test
    void throwableStaysInsideTheLine() throws IOException {
        Exception e = new IllegalStateException("boom", new java.io.IOException("disk"));
        logger(Level.INFO).error("document fault", e);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.strip().lines()).hasSize(1);
        Map<String, Object> line = lines().get(0);
        assertThat(line).containsEntry("level", "ERROR").containsEntry("error", "java.lang.IllegalStateException: boom");
        assertThat((String) line.get("stackTrace")).contains("\tat io.deepreader.logs.JsonLoggerTest")
                .contains("Caused by: java.io.IOException: disk");
    }

    @Test
    void fixedFieldsCannotBeOverwrittenAndLaterValuesWin() throws IOException {
        mdc.put("docId", "from-mdc");
        logger(Level.INFO).atWarn().addKeyValue("message", "sneaky").addKeyValue("docId", "from-kv").log("real");
        Map<String, Object> line = lines().get(0);
        assertThat(line).containsEntry("message", "real").containsEntry("field.message", "sneaky")
                .containsEntry("docId", "from-kv");
    }

    @Test
    void belowTheThresholdNothingIsWritten() {
        Logger log = logger(Level.WARN);
        log.info("hidden");
        log.atDebug().addKeyValue("k", 1).log("hidden");
        assertThat(log.isInfoEnabled()).isFalse();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void thresholdFromTheEnvironment() {
        assertThat(LogThreshold.fromEnv(Map.of())).isEqualTo(LogThreshold.of(Level.INFO));
        assertThat(LogThreshold.fromEnv(Map.of("LOG_LEVEL", "debug"))).isEqualTo(LogThreshold.of(Level.DEBUG));
        assertThat(LogThreshold.fromEnv(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN"))).isEqualTo(LogThreshold.of(Level.WARN));
        assertThat(LogThreshold.fromEnv(Map.of("LOG_LEVEL", "OFF")).allows(Level.ERROR)).isFalse();
        assertThat(LogThreshold.fromEnv(Map.of("LOG_LEVEL", "loud"))).isEqualTo(LogThreshold.of(Level.INFO));
    }

    /** Parses each line on its own: a line that is not exactly one JSON object fails the test. */
    private List<Map<String, Object>> lines() throws IOException {
        JsonFactory json = new JsonFactory();
        List<Map<String, Object>> result = new java.util.ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            try (JsonParser p = json.createParser(line)) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                result.add(readObject(p));
                assertThat(p.nextToken()).as("one object per line: " + line).isNull();
            }
        }
        return result;
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            map.put(name, switch (t) {
                case START_OBJECT -> readObject(p);
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                case VALUE_NULL -> "null";
                default -> p.getText();
            });
        }
        return map;
    }
}
