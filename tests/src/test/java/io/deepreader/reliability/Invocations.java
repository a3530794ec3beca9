package io.deepreader.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Drives the real handler in process, the way the Lambda runtime would, and inspects the EFS root. */
final class Invocations {
    private Invocations() {
    }

    static FunctionEnvironment environment(Path efsRoot, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("EFS_ROOT", efsRoot.toString(), "OCR_WORKERS", "2",
                "DETECTOR", "opencv"));
        env.putAll(extra);
        return new FunctionEnvironment(FunctionConfig.fromEnv(env));
    }

    static JsonNode invoke(FunctionEnvironment env, String batchId, List<Map<String, String>> documents) throws IOException {
        return ResultJson.mapper().readTree(invokeBytes(env, batchId, documents));
    }

    /** The response exactly as the handler wrote it. */
    static byte[] invokeBytes(FunctionEnvironment env, String batchId, List<Map<String, String>> documents) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("batchId", batchId);
        request.put("documents", documents);
        byte[] bytes = ResultJson.mapper().writeValueAsBytes(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(bytes), out, null);
        return out.toByteArray();
    }

    /** Sends a request body as given (events, malformed requests) and parses the answer. */
    static JsonNode invokeRaw(FunctionEnvironment env, String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out, null);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> efsDoc(String docId, String efsPath) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("docId", docId);
        m.put("efsPath", efsPath);
        return m;
    }

    /** Temp files AtomicFiles leaves while writing: none may survive an invocation, failed or not. */
    static List<Path> tempFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex SHA-256 of a file's bytes, as document.json records its source. */
    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every JVM", e);
        }
    }

    static List<Path> allFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
