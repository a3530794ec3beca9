package io.deepreader.ocr.testing;

import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.orientation.OrientationDetector;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Path;

/** Real engines for tests: OpenCV detector and Debian's Tesseract. */
public final class Engines {
    private Engines() {
    }

    public static TesseractPool tesseract(int size) {
        return new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), size);
    }

    /** The product's page path: orientation detection on (the function's default), OpenCV detector. */
    public static OcrPipeline pipeline(Path efsRoot, TesseractPool pool) {
        return new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                new PageProcessor(OrientationDetector.create(pool, true), new Preprocessor(), new MorphologyLineDetector(), pool),
                new EfsLayout(efsRoot));
    }
}
