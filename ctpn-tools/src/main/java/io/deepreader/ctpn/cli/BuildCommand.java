package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.loader.ModelManifest;
import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.model.Architecture;
import io.deepreader.ctpn.model.CtpnExporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Exports a CTPN SavedModel with random or checkpointed weights, e.g. the vgg16 size class for cold-start curves. */
@Command(name = "build", description = "Export a CTPN SavedModel (+manifest) from a checkpoint or with random weights.")
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "vgg16", description = "small | vgg16") String arch;
    @Option(names = "--width", defaultValue = "1.0", description = "vgg16 channel multiplier: 1.0 ~72 MB, 1.95 ~275 MB.") double width;
    @Option(names = "--checkpoint", description = "Training checkpoint prefix (…/ckpt/model); omit for random weights.") Path checkpoint;
    @Option(names = "--max-side", defaultValue = "1280") int maxSide;
    @Option(names = "--version", required = true) String version;
    @Option(names = "--out", required = true, description = "Empty or absent directory to write.") Path out;

    @Override
    public Integer call() throws Exception {
        Architecture a = arch.equals("vgg16") ? Architecture.vgg16(width) : Architecture.named(arch);
        long t0 = System.nanoTime();
        ModelManifest m = new CtpnExporter().export(new CtpnExporter.Request(a, Anchors.paper(), maxSide, checkpoint,
                out, version, Map.of("weights", checkpoint == null ? "random (size/cold-start benchmark only)" : checkpoint.toString()),
                Map.of(), 1));
        System.out.printf("%s: %s, %,d parameters, %.1f MB in %d files, %d ms%n", out, m.architecture(), m.parameters(),
                m.totalBytes() / 1e6, m.files().size(), (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }
}
