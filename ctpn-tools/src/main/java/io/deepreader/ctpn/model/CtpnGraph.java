package io.deepreader.ctpn.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;

/**
 * Builds the CTPN network into a TF graph: conv backbone to stride 16, 3x3 window conv, row context,
 * 1x1 FC, and three 1x1 heads per anchor: text logit, vertical centre offset and log-height offset.
 * Input is {@code [1, H, W, 1]} gray in [0,1] (ink dark), H and W multiples of 16.
 * Variable names are stable so a training checkpoint restores into a fresh inference graph.
 */
public final class CtpnGraph {
    public static final String INPUT = "image";
    public static final String SCORES = "scores";
    public static final String DY = "dy";
    public static final String DH = "dh";

    private final Ops tf;
    private final List<Variable<TFloat32>> variables = new ArrayList<>();
    private long parameterCount;

    /** Graph outputs: logits for training, sigmoid scores for inference, regression deltas. */
    public record Outputs(Placeholder<TFloat32> image, Operand<TFloat32> logits, Operand<TFloat32> scores,
                          Operand<TFloat32> dy, Operand<TFloat32> dh) {
    }

    public CtpnGraph(Ops tf) {
        this.tf = tf;
    }

    public Outputs build(Architecture arch, int anchors, long seed) {
        Placeholder<TFloat32> image = tf.withName(INPUT).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(1, -1, -1, 1)));
        // Centre the input so the first layer starts near zero mean (paper pages are mostly white).
        Operand<TFloat32> x = tf.math.sub(image, tf.constant(0.8f));
        int in = 1;
        long[] s = {seed};
        for (int stage = 0; stage < arch.stages().size(); stage++) {
            List<Integer> convs = arch.stages().get(stage);
            for (int i = 0; i < convs.size(); i++) {
                boolean stride2 = arch.firstStride2() && stage == 0 && i == 0;
                x = tf.nn.relu(conv("conv" + (stage + 1) + "_" + (i + 1), x, 3, 3, in, convs.get(i),
                        stride2 ? 2 : 1, 1, s[0]++));
                in = convs.get(i);
            }
            if (stage < arch.stages().size() - 1) {
                x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME");
            }
        }
        x = tf.nn.relu(conv("window", x, 3, 3, in, arch.windowChannels(), 1, 1, s[0]++));
        in = arch.windowChannels();
        x = tf.nn.relu(conv("context_in", x, 1, 1, in, arch.contextChannels(), 1, 1, s[0]++));
        in = arch.contextChannels();
        for (int d : arch.contextDilations()) {
            Operand<TFloat32> y = tf.nn.relu(conv("context_d" + d, x, 1, 3, in, in, 1, d, s[0]++));
            x = tf.math.add(x, y);
        }
        x = tf.nn.relu(conv("fc", x, 1, 1, in, arch.fcChannels(), 1, 1, s[0]++));
        in = arch.fcChannels();
        Operand<TFloat32> logits = conv("cls", x, 1, 1, in, anchors, 1, 1, s[0]++);
        Operand<TFloat32> scores = tf.withName(SCORES).math.sigmoid(logits);
        Operand<TFloat32> dy = tf.withName(DY).identity(conv("reg_y", x, 1, 1, in, anchors, 1, 1, s[0]++));
        Operand<TFloat32> dh = tf.withName(DH).identity(conv("reg_h", x, 1, 1, in, anchors, 1, 1, s[0]++));
        return new Outputs(image, logits, scores, dy, dh);
    }

    public List<Variable<TFloat32>> variables() {
        return List.copyOf(variables);
    }

    public long parameterCount() {
        return parameterCount;
    }

    private Operand<TFloat32> conv(String name, Operand<TFloat32> x, int kh, int kw, int in, int out,
                                   int stride, int dilation, long seed) {
        // He initialisation for ReLU layers.
        float std = (float) Math.sqrt(2.0 / (kh * kw * in));
        Ops init = tf.withInitScope();
        Operand<TFloat32> w0 = init.math.mul(init.random.truncatedNormal(
                init.constant(new long[] {kh, kw, in, out}), TFloat32.class, TruncatedNormal.seed(seed),
                TruncatedNormal.seed2(seed * 31 + 7)), init.constant(std));
        Variable<TFloat32> w = tf.withName(name + "_w").variable(w0);
        Variable<TFloat32> b = tf.withName(name + "_b").variable(init.zeros(init.constant(new long[] {out}), TFloat32.class));
        variables.add(w);
        variables.add(b);
        parameterCount += (long) kh * kw * in * out + out;
        Operand<TFloat32> y = tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), "SAME",
                Conv2d.dilations(1L, (long) dilation, (long) dilation, 1L));
        return tf.nn.biasAdd(y, b);
    }
}
