package io.deepreader.client.run;

import io.deepreader.ocr.efs.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A file to process and the document id it gets (its file name made id-safe). */
public record InputDocument(Path path, String docId) {

    /** Expands directories (non-recursive, hidden files skipped) and keeps the given order otherwise. */
    public static List<InputDocument> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> list = Files.list(input)) {
                    list.filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> !Files.isDirectory(p))
                            .sorted(Comparator.comparing(Path::toString)).forEach(files::add);
                }
            } else {
                files.add(input);
            }
        }
        List<InputDocument> docs = new ArrayList<>();
        for (Path file : files) {
            docs.add(new InputDocument(file, docIdFor(file.getFileName().toString())));
        }
        return docs;
    }

    static String docIdFor(String fileName) {
        String id = fileName.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "_");
        if (id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0))) {
            id = "d" + id;
        }
        if (id.length() > 128) {
            id = id.substring(0, 128);
        }
        return Ids.require("document id", id);
    }
}
