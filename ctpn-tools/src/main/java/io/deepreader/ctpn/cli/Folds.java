package io.deepreader.ctpn.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --fold MODEL=RECEIPTS} option of the commands that fit post-processing trees on a network's outputs:
 * cross-fitting. On receipts its network trained on, the network scores higher and fires on less junk than on
 * pages it never saw, and trees fitted to those outputs learn the wrong picture of a new page; with folds every
 * example comes from a network that did not train on that receipt (e.g. one network per half of 000-249, each
 * read on the other half), and the trees then serve the network trained on all of them.
 */
record Folds(List<Fold> folds) {

    /** Receipts {@code range} read by the network in {@code model}. */
    record Fold(Path model, String range) {
    }

    /** The folds given, or else the one model on the one range. */
    static Folds of(List<String> specs, Path model, String range) {
        if (specs == null || specs.isEmpty()) {
            return new Folds(List.of(new Fold(model, range)));
        }
        return new Folds(specs.stream().map(s -> {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--fold wants MODEL=RECEIPTS (e.g. /tmp/a/export/step-14000=125-249), not " + s);
            }
            return new Fold(Path.of(s.substring(0, eq)), s.substring(eq + 1));
        }).toList());
    }

    /** For the file's training record: "model=range; model=range". */
    String describe() {
        return String.join("; ", folds.stream().map(f -> f.model().getFileName() + "=" + f.range()).toList());
    }
}
