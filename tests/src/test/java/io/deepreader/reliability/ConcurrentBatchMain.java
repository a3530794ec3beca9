package io.deepreader.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One "execution environment" for {@link ConcurrentEnvironmentsTest}: a separate JVM that runs every file of
 * an inbox folder as one batch through the handler, in its own shuffled order, and saves the response.
 * Args: efsRoot batchId inboxRelativePath seed responseFile.
 */
public final class ConcurrentBatchMain {
    private ConcurrentBatchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String batchId = args[1];
        String inbox = args[2];
        List<Map<String, String>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(inbox))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                docs.add(Invocations.efsDoc(name.substring(0, name.indexOf('.')), inbox + "/" + name));
            }
        }
        Collections.shuffle(docs, new Random(Long.parseLong(args[3])));
        try (FunctionEnvironment env = Invocations.environment(root, Map.of("OCR_WORKERS", "1"))) {
            JsonNode response = Invocations.invoke(env, batchId, docs);
            ResultJson.mapper().writeValue(Path.of(args[4]).toFile(), response);
        }
    }
}
