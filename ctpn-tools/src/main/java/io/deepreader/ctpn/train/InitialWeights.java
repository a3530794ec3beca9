package io.deepreader.ctpn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * Starts training from a trained model's weights instead of random ones (fine-tuning a shipped model; its
 * checkpoint with the optimizer's moments is not kept). The exported SavedModel holds every network weight
 * under the name the training graph gives it; the optimizer starts fresh.
 */
final class InitialWeights {
    private InitialWeights() {
    }

    /** Assigns {@code savedModel}'s weights to the training graph's; a weight it lacks or shapes otherwise fails. */
    static void copy(Path savedModel, TrainingGraph tg, Session session) {
        List<String> names = new ArrayList<>(tg.weightFeeds.keySet());
        try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), SavedModelBundle.DEFAULT_TAG)) {
            Session.Runner fetch = bundle.session().runner();
            names.forEach(fetch::fetch);
            try (Result values = fetch.run()) {
                Session.Runner assign = session.runner().addTarget(tg.assignWeights);
                for (int i = 0; i < names.size(); i++) {
                    Tensor value = values.get(i);
                    if (!(value instanceof TFloat32 weight)) {
                        throw new IllegalArgumentException(names.get(i) + " in " + savedModel + " is not float32");
                    }
                    assign.feed(tg.weightFeeds.get(names.get(i)), weight);
                }
                assign.run();
            }
        }
    }

}
