package io.deepreader.ctpn.model;

import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.loader.FileDigests;
import io.deepreader.ctpn.loader.ModelManifest;
import io.deepreader.ocr.efs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes an inference-only SavedModel: a fresh graph holding just the network (no loss, no optimizer
 * slots), weights restored from a training checkpoint (or left random for size benchmarks), plus
 * {@code manifest.json} listing every file's size and SHA-256.
 */
public final class CtpnExporter {

    /** What to write. {@code checkpointPrefix} null means random initial weights. */
    public record Request(Architecture architecture, Anchors anchors, int maxSide, Path checkpointPrefix,
                          Path outputDir, String version, Map<String, Object> training,
                          Map<String, Object> metrics, long seed) {
    }

    public ModelManifest export(Request r) throws IOException {
        if (Files.exists(r.outputDir()) && Files.list(r.outputDir()).findAny().isPresent()) {
            throw new IOException("export directory not empty: " + r.outputDir());
        }
        long params;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            CtpnGraph net = new CtpnGraph(tf);
            CtpnGraph.Outputs out = net.build(r.architecture(), r.anchors().count(), r.seed());
            params = net.parameterCount();
            try (Session session = new Session(graph)) {
                if (r.checkpointPrefix() != null) {
                    session.restore(r.checkpointPrefix().toString());
                } else {
                    session.initialize();
                }
                Signature sig = Signature.builder().key(Signature.DEFAULT_KEY)
                        .input(CtpnGraph.INPUT, out.image())
                        .output(CtpnGraph.SCORES, out.scores()).output(CtpnGraph.DY, out.dy())
                        .output(CtpnGraph.DH, out.dh()).build();
                SavedModelBundle.exporter(r.outputDir().toString()).withSession(session).withSignature(sig).export();
            }
        }
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, "ctpn", r.version(),
                r.architecture().name(), params,
                new ModelManifest.InputSpec(r.maxSide(), r.anchors().stride(), "gray/255"),
                new ModelManifest.AnchorSpec(r.anchors().stride(), r.anchors().heights()),
                new ModelManifest.SignatureSpec(CtpnGraph.INPUT, CtpnGraph.SCORES, CtpnGraph.DY, CtpnGraph.DH),
                FileDigests.describe(r.outputDir()), r.training(), r.metrics(), Instant.now().toString());
        AtomicFiles.writeBytes(r.outputDir().resolve(ModelManifest.FILE_NAME), manifest.toJson());
        return manifest;
    }
}
