package io.deepreader.ctpn.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Writes a real (tiny) SavedModel with a variable, plus a manifest in the CTPN format, for loader tests. */
final class TinySavedModel {
    private TinySavedModel() {
    }

    /** {@code scores = image * factor}, exported under the CTPN signature names. */
    static ModelManifest write(Path dir, float factor, String version) throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, -1, -1, 1)));
            Variable<TFloat32> w = tf.withName("w").variable(tf.withInitScope().constant(factor));
            var scores = tf.withName("scores").math.mul(image, w);
            var dy = tf.withName("dy").identity(image);
            var dh = tf.withName("dh").identity(image);
            try (Session s = new Session(g)) {
                s.initialize();
                SavedModelBundle.exporter(dir.toString()).withSession(s).withSignature(Signature.builder()
                        .input("image", image).output("scores", scores).output("dy", dy).output("dh", dh).build())
                        .export();
            }
        }
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT_VERSION, "ctpn", version, "tiny-test", 1,
                new ModelManifest.InputSpec(64, 16, "gray/255"), new ModelManifest.AnchorSpec(16, List.of(11, 16)),
                new ModelManifest.SignatureSpec("image", "scores", "dy", "dh"), FileDigests.describe(dir),
                Map.of("data", "none"), Map.of(), "2026-01-01T00:00:00Z");
        Files.write(dir.resolve(ModelManifest.FILE_NAME), m.toJson());
        return m;
    }
}
