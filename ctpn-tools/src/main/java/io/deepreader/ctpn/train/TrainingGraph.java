package io.deepreader.ctpn.train;

import io.deepreader.ctpn.model.Architecture;
import io.deepreader.ctpn.model.CtpnGraph;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTPN's multi-task loss on a graph: sigmoid cross-entropy on the text/non-text logit of every sampled
 * anchor plus smooth-L1 on the vertical coordinates of positive anchors (paper eq. 1, lambda1 = 1).
 * Written with dense ops only (no sparse softmax, no control flow) so TF Java can differentiate it;
 * anchor sampling and balancing are in the per-anchor weights computed by {@link TargetEncoder}.
 */
public final class TrainingGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    final CtpnGraph.Outputs outputs;
    final Placeholder<TFloat32> clsTarget;
    final Placeholder<TFloat32> clsWeight;
    final Placeholder<TFloat32> yTarget;
    final Placeholder<TFloat32> hTarget;
    final Placeholder<TFloat32> regWeight;
    final Operand<TFloat32> clsLoss;
    final Operand<TFloat32> regLoss;
    final Operand<TFloat32> loss;
    /**
     * The global L2 norm of the step's gradients, logged by the trainer: a run that collapses into predicting the
     * prior (smoothed loss 0.04 -> 0.45 within a few hundred steps, seen in from-scratch runs on 000-124) shows it
     * falling from 2-8 to about 0.23 and staying there, a dead network rather than an exploding one (clipping the
     * norm at 5 did not prevent it).
     */
    final Operand<TFloat32> gradientNorm;
    final Op minimize;
    final long parameterCount;
    /** One fed value per network weight, by the weight's name, and the op assigning them all. */
    final Map<String, Placeholder<TFloat32>> weightFeeds;
    final Op assignWeights;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public TrainingGraph(Architecture arch, int anchors, long seed, float lr) {
        Ops tf = Ops.create(graph);
        CtpnGraph net = new CtpnGraph(tf);
        outputs = net.build(arch, anchors, seed);
        parameterCount = net.parameterCount();
        Shape grid = Shape.of(1, -1, -1, anchors);
        clsTarget = tf.withName("cls_target").placeholder(TFloat32.class, Placeholder.shape(grid));
        clsWeight = tf.withName("cls_weight").placeholder(TFloat32.class, Placeholder.shape(grid));
        yTarget = tf.withName("y_target").placeholder(TFloat32.class, Placeholder.shape(grid));
        hTarget = tf.withName("h_target").placeholder(TFloat32.class, Placeholder.shape(grid));
        regWeight = tf.withName("reg_weight").placeholder(TFloat32.class, Placeholder.shape(grid));
        Operand<TFloat32> l = outputs.logits();
        // Numerically stable sigmoid cross-entropy: max(l,0) - l*z + log(1 + exp(-|l|)).
        Operand<TFloat32> ce = tf.math.add(tf.math.sub(tf.nn.relu(l), tf.math.mul(l, clsTarget)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(l)))));
        clsLoss = tf.reduceSum(tf.math.mul(ce, clsWeight), tf.constant(new int[] {0, 1, 2, 3}));
        Operand<TFloat32> reg = tf.math.add(smoothL1(tf, tf.math.sub(outputs.dy(), yTarget)),
                smoothL1(tf, tf.math.sub(outputs.dh(), hTarget)));
        regLoss = tf.reduceSum(tf.math.mul(reg, regWeight), tf.constant(new int[] {0, 1, 2, 3}));
        loss = tf.math.add(clsLoss, regLoss);
        Adam adam = new Adam(graph, lr);
        List<Optimizer.GradAndVar<?>> grads = adam.computeGradients(loss);
        gradientNorm = globalNorm(tf, grads);
        minimize = adam.applyGradients((List) grads, "minimize");
        Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
        List<Op> assigns = new ArrayList<>();
        for (Variable<TFloat32> v : net.variables()) {
            String name = v.op().name();
            Placeholder<TFloat32> value = tf.withName("init_" + name).placeholder(TFloat32.class,
                    Placeholder.shape(v.shape()));
            feeds.put(name, value);
            assigns.add(tf.assign(v, value));
        }
        weightFeeds = Map.copyOf(feeds);
        assignWeights = tf.withControlDependencies(assigns).noOp();
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> globalNorm(Ops tf, List<Optimizer.GradAndVar<?>> grads) {
        Operand<TFloat32> sumSquares = tf.constant(0f);
        for (Optimizer.GradAndVar<?> g : grads) {
            Operand<TFloat32> flat = tf.reshape((Output<TFloat32>) g.getGradient(), tf.constant(new long[] {-1}));
            sumSquares = tf.math.add(sumSquares, tf.reduceSum(tf.math.square(flat), tf.constant(0)));
        }
        return tf.math.sqrt(sumSquares);
    }

    /** 0.5 d^2 for |d| < 1, |d| - 0.5 beyond, written with min() so only differentiable ops appear. */
    private static Operand<TFloat32> smoothL1(Ops tf, Operand<TFloat32> d) {
        Operand<TFloat32> a = tf.math.abs(d);
        Operand<TFloat32> m = tf.math.minimum(a, tf.constant(1f));
        return tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(m)), tf.math.sub(a, m));
    }

    public Graph graph() {
        return graph;
    }

    @Override
    public void close() {
        graph.close();
    }
}
