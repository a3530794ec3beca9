package io.deepreader.ctpn.train;

import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.model.Architecture;
import io.deepreader.ctpn.model.CtpnExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The training loop: a producer thread renders/crops samples and encodes targets while TF runs the Adam
 * step, checkpoints every {@code checkpointEvery} steps and exports an inference SavedModel every
 * {@code exportEvery} steps so a usable model exists whenever training is stopped.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    public record Options(Architecture architecture, Anchors anchors, int steps, int maxSide, int crop,
                          float learningRate, int threads, int checkpointEvery, int exportEvery, Path workDir,
                          long seed, Map<String, Object> dataSummary, Path initialWeights) {
    }

    private record Batch(TrainingSampler.Sample sample, TargetEncoder.Targets targets) {
    }

    public void train(Options o, TrainingSampler sampler) throws IOException, InterruptedException {
        Files.createDirectories(o.workDir());
        TargetEncoder encoder = new TargetEncoder(o.anchors());
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
        Thread producer = new Thread(() -> {
            Random rnd = new Random(o.seed());
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TrainingSampler.Sample s = sampler.next(rnd);
                    queue.put(new Batch(s, encoder.encode(s.width(), s.height(), s.lines())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("sample producer failed", e);
            }
        }, "ctpn-samples");
        producer.setDaemon(true);
        producer.start();
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(o.threads())
                .setInterOpParallelismThreads(1).build();
        try (TrainingGraph tg = new TrainingGraph(o.architecture(), o.anchors().count(), o.seed(), o.learningRate());
             Session session = new Session(tg.graph(), config)) {
            Path ckpt = o.workDir().resolve("ckpt");
            Files.createDirectories(ckpt);
            Path prefix = ckpt.resolve("model");
            int startStep = 0;
            if (Files.exists(ckpt.resolve("step"))) {
                startStep = Integer.parseInt(Files.readString(ckpt.resolve("step")).strip());
                session.restore(prefix.toString());
                LOG.info("resumed from step {}", startStep);
            } else {
                session.initialize();
                if (o.initialWeights() != null) {
                    InitialWeights.copy(o.initialWeights(), tg, session);
                    LOG.info("weights from {}", o.initialWeights());
                }
            }
            LOG.info("training {} ({} parameters) for {} steps", o.architecture().name(), tg.parameterCount, o.steps());
            double avgLoss = 0;
            double avgCls = 0;
            double avgReg = 0;
            double maxNorm = 0;
            long t0 = System.nanoTime();
            for (int step = startStep + 1; step <= o.steps(); step++) {
                Batch b = queue.take();
                float[] l = runStep(session, tg, b);
                avgLoss = step == startStep + 1 ? l[0] : 0.98 * avgLoss + 0.02 * l[0];
                avgCls = step == startStep + 1 ? l[1] : 0.98 * avgCls + 0.02 * l[1];
                avgReg = step == startStep + 1 ? l[2] : 0.98 * avgReg + 0.02 * l[2];
                maxNorm = Math.max(maxNorm, l[3]);
                if (step % 50 == 0) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    LOG.info("step {} loss {} cls {} reg {} max gradient norm {} ({} s/step, {} receipts cached)", step,
                            fmt(avgLoss), fmt(avgCls), fmt(avgReg), fmt(maxNorm), fmt(secs / 50), sampler.loadedReceipts());
                    maxNorm = 0;
                    t0 = System.nanoTime();
                }
                if (step % o.checkpointEvery() == 0 || step == o.steps()) {
                    session.save(prefix.toString());
                    Files.writeString(ckpt.resolve("step"), Integer.toString(step));
                }
                if (step % o.exportEvery() == 0 || step == o.steps()) {
                    export(o, prefix, step, avgLoss);
                }
            }
        } finally {
            producer.interrupt();
        }
    }

    private void export(Options o, Path prefix, int step, double loss) throws IOException {
        Path dir = o.workDir().resolve("export").resolve("step-" + step);
        if (Files.exists(dir)) {
            return;
        }
        Map<String, Object> training = new LinkedHashMap<>(o.dataSummary());
        training.put("steps", step);
        training.put("crop", o.crop());
        training.put("learningRate", o.learningRate());
        training.put("finalSmoothedLoss", loss);
        new CtpnExporter().export(new CtpnExporter.Request(o.architecture(), o.anchors(), o.maxSide(), prefix, dir,
                "step-" + step, training, Map.of(), o.seed()));
        LOG.info("exported {}", dir);
    }

    private static float[] runStep(Session session, TrainingGraph tg, Batch b) {
        TrainingSampler.Sample s = b.sample();
        TargetEncoder.Targets t = b.targets();
        Shape img = Shape.of(1, s.height(), s.width(), 1);
        Shape grid = Shape.of(1, t.rows(), t.cols(), t.k());
        try (TFloat32 x = TFloat32.tensorOf(img, DataBuffers.of(s.pixels(), true, false));
             TFloat32 cls = TFloat32.tensorOf(grid, DataBuffers.of(t.cls(), true, false));
             TFloat32 cw = TFloat32.tensorOf(grid, DataBuffers.of(t.clsWeight(), true, false));
             TFloat32 dy = TFloat32.tensorOf(grid, DataBuffers.of(t.dy(), true, false));
             TFloat32 dh = TFloat32.tensorOf(grid, DataBuffers.of(t.dh(), true, false));
             TFloat32 rw = TFloat32.tensorOf(grid, DataBuffers.of(t.regWeight(), true, false));
             Result r = session.runner().feed(tg.outputs.image(), x).feed(tg.clsTarget, cls).feed(tg.clsWeight, cw)
                     .feed(tg.yTarget, dy).feed(tg.hTarget, dh).feed(tg.regWeight, rw)
                     .addTarget(tg.minimize).fetch(tg.loss).fetch(tg.clsLoss).fetch(tg.regLoss).fetch(tg.gradientNorm)
                     .run()) {
            return new float[] {((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(),
                ((TFloat32) r.get(2)).getFloat(), ((TFloat32) r.get(3)).getFloat()};
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
