package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LineCutter;
import java.nio.file.Path;

/** The commands' {@code --cut-model} / {@code --cut-threshold}: which rule cuts the bands into lines. */
final class CutOptions {
    private CutOptions() {
    }

    /**
     * @param cutModel  a cut model file, {@code "rule"} for the gap rule ({@link CtpnDetector#gapRule}), or null
     *                  for the model's own
     * @param threshold a probability threshold overriding the file's, or null
     */
    static LineCutter cutter(LoadedModel loaded, CtpnDetector.Settings s, String cutModel, Double threshold) {
        LineCutter cutter;
        if ("rule".equals(cutModel)) {
            cutter = CtpnDetector.gapRule(s);
        } else if (cutModel != null) {
            cutter = LearnedCuts.read(Path.of(cutModel), s.inkPad());
        } else {
            cutter = CtpnDetector.defaultCutter(loaded, s);
        }
        return threshold != null && cutter instanceof LearnedCuts learned ? learned.withThreshold(threshold) : cutter;
    }
}
