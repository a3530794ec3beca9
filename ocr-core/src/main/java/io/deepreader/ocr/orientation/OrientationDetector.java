package io.deepreader.ocr.orientation;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.GrayRange;
import io.deepreader.ocr.recognition.OsdResult;
import io.deepreader.ocr.recognition.RecognitionException;
import io.deepreader.ocr.recognition.TesseractEngine;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds pages scanned at 90/180/270 degrees with Tesseract's orientation and script detection, run on the
 * pool's engines (each keeps its own OSD handle, created once and reused). Only a confident answer turns a
 * page: a wrong turn destroys an upright page's OCR, a missed one leaves it as it was without detection.
 */
public final class OrientationDetector {
    private static final Logger LOG = LoggerFactory.getLogger(OrientationDetector.class);

    /**
     * Tesseract's orient_conf needed to turn a page. Measured (raw pages, Debian Tesseract 5.3.0, osd from
     * tesseract-ocr-osd): upright SROIE receipts 300-399 are read as 180 degrees 21 times with confidence
     * 0.02..5.06 (all 79 others: 0); Tesseract's phototest turned 90/180/270 scores 9.30..10.99 and the
     * upright regression pages 10.9..30.1. 7 sits between the worst false turn and the weakest true one.
     */
    public static final float MIN_CONFIDENCE = 7.0f;
    /** OSD needs characters to classify; under this many pixels a side there is no point asking. */
    static final int MIN_SIDE = 100;

    private final TesseractPool pool;
    private final float minConfidence;
    private final AtomicBoolean enabled;

    private OrientationDetector(TesseractPool pool, float minConfidence, boolean enabled) {
        this.pool = pool;
        this.minConfidence = minConfidence;
        this.enabled = new AtomicBoolean(enabled);
    }

    /** Never turns a page. */
    public static OrientationDetector disabled() {
        return new OrientationDetector(null, Float.MAX_VALUE, false);
    }

    /**
     * Detection on {@code pool}'s engines when {@code enabled} (DETECT_ORIENTATION) and osd.traineddata is in
     * the pool's tessdata folder; without it, one warning and every page is left as it is.
     */
    public static OrientationDetector create(TesseractPool pool, boolean enabled) {
        if (!enabled) {
            return disabled();
        }
        Path osd = pool.config().osdTessdata().resolve(TesseractEngine.OSD_LANGUAGE + ".traineddata");
        if (!Files.isRegularFile(osd)) {
            LOG.atWarn().addKeyValue("missing", osd.toString())
                    .log("orientation detection off: no osd.traineddata (install tesseract-ocr-osd or add it to the layer)");
            return disabled();
        }
        return new OrientationDetector(pool, MIN_CONFIDENCE, true);
    }

    public boolean enabled() {
        return enabled.get();
    }

    public PageOrientation detect(GrayImage page) {
        if (!enabled.get() || Math.min(page.width(), page.height()) < MIN_SIDE || GrayRange.of(page).blank()) {
            return PageOrientation.UPRIGHT_UNCHECKED;
        }
        Optional<OsdResult> osd = pool.withEngine(engine -> {
            try {
                return engine.detectOrientation(page);
            } catch (RecognitionException e) {
                // A damaged osd.traineddata: recognition on this engine is unaffected, so keep it in the pool.
                if (enabled.compareAndSet(true, false)) {
                    LOG.atWarn().addKeyValue("errorMessage", e.getMessage()).log("orientation detection off: OSD init failed");
                }
                return Optional.empty();
            }
        });
        if (osd.isEmpty()) {
            return PageOrientation.UPRIGHT_UNCHECKED;
        }
        OsdResult r = osd.get();
        int degrees = r.confidence() >= minConfidence ? r.orientationDegrees() : 0;
        return new PageOrientation(degrees, r.confidence(), r.orientationDegrees());
    }
}
