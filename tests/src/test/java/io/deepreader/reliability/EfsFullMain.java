package io.deepreader.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The "EFS fills up mid-batch" environment for {@link EfsFullTest}. It runs inside its own mount namespace
 * where {@code jobs/} is a small tmpfs, so writes really fail with ENOSPC. It measures one document's
 * output, fills the file system until about 2.5 documents fit, runs a 6-document batch, records what is on
 * disk (the tmpfs vanishes with the namespace), frees the space, runs the batch again, and records again.
 * Args: efsRoot inboxRelativePath reportFile.
 */
public final class EfsFullMain {
    private EfsFullMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String inbox = args[1];
        Path jobs = new EfsLayout(root).jobsDir();
        List<Map<String, String>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(inbox))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                docs.add(Invocations.efsDoc(name.substring(0, name.indexOf('.')), inbox + "/" + name));
            }
        }
        ObjectNode report = ResultJson.mapper().createObjectNode();
        try (FunctionEnvironment env = Invocations.environment(root, Map.of("OCR_WORKERS", "1"))) {
            long free = Files.getFileStore(jobs).getUsableSpace();
            Invocations.invoke(env, "probe", List.of(docs.get(0)));
            long perDocument = free - Files.getFileStore(jobs).getUsableSpace();
            deleteTree(jobs.resolve("probe"));
            long fillerBytes = Files.getFileStore(jobs).getUsableSpace() - perDocument * 5 / 2;
            Path filler = root.resolve("jobs/filler.bin");
            Files.write(filler, new byte[(int) fillerBytes]);
            report.put("bytesPerDocument", perDocument);
            report.put("freeAfterFill", Files.getFileStore(jobs).getUsableSpace());

            report.set("full", Invocations.invoke(env, "full", docs));
            report.set("filesWhenFull", listing(root, jobs.resolve("full")));

            Files.delete(filler);
            report.set("retry", Invocations.invoke(env, "full", docs));
            report.set("filesAfterRetry", listing(root, jobs.resolve("full")));
        }
        ResultJson.mapper().writeValue(Path.of(args[2]).toFile(), report);
    }

    /** Every file under dir, relative to the root, with its SHA-256: what a downstream reader would see. */
    private static JsonNode listing(Path root, Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            for (Path f : Invocations.allFiles(dir)) {
                files.put(root.relativize(f).toString(), Invocations.sha256(f));
            }
        }
        return ResultJson.mapper().valueToTree(files);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
