package io.deepreader.ctpn.postprocess;

import io.deepreader.ocr.image.GrayImage;
import java.util.List;

/** Cuts a page's text bands into lines: per band (same order), its {@code [left, right]} pieces, left to right. */
public interface LineCutter {
    List<List<double[]>> cut(GrayImage image, List<TextBand> bands);
}
