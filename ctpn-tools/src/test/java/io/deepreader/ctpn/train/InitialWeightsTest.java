package io.deepreader.ctpn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/** Fine-tuning starts from the shipped model's weights, every one of them, in a real TF training graph. */
class InitialWeightsTest {

    @Test
    void everyWeightOfTheTrainingGraphIsTheShippedModels() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent(); // Surefire runs in the module directory
        Path model = root.resolve("models/ctpn").resolve(Files.readString(root.resolve("models/ctpn/current")).strip());
        try (TrainingGraph tg = new TrainingGraph(Architecture.named("small"), Anchors.paper().count(), 7, 1e-4f);
             Session session = new Session(tg.graph());
             SavedModelBundle shipped = SavedModelBundle.load(model.toString(), SavedModelBundle.DEFAULT_TAG)) {
            session.initialize();
            InitialWeights.copy(model, tg, session);
            assertThat(tg.weightFeeds).hasSizeGreaterThan(10);
            for (String name : tg.weightFeeds.keySet()) {
                try (Result mine = session.runner().fetch(name).run();
                     Result theirs = shipped.session().runner().fetch(name).run()) {
                    TFloat32 a = (TFloat32) mine.get(0);
                    TFloat32 b = (TFloat32) theirs.get(0);
                    assertThat(a.shape()).as(name).isEqualTo(b.shape());
                    float[] x = new float[(int) a.size()];
                    float[] y = new float[(int) b.size()];
                    a.asRawTensor().data().asFloats().read(x);
                    b.asRawTensor().data().asFloats().read(y);
                    assertThat(x).as(name).containsExactly(y);
                }
            }
        }
    }
}
