package io.deepreader.ocr.recognition;

import com.ochafik.lang.jnaerator.runtime.NativeSize;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.OpenCv;
import io.deepreader.ocr.image.ScaledPage;
import io.deepreader.ocr.result.Word;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * One initialised Tesseract handle. Not thread-safe: a handle belongs to one thread at a time (see
 * {@link TesseractPool}). Creating one costs ~100 ms, so handles are reused for every line of every page.
 */
public final class TesseractEngine implements AutoCloseable {
    /** Tesseract's OEM_LSTM_ONLY: the neural engine, the only one eng.traineddata (tessdata_fast/best) ships. */
    private static final int OEM_LSTM_ONLY = 1;
    /**
     * JNA interface mapping, not Tess4J's direct-mapped TessAPI1: direct mapping binds every symbol at
     * class load and Debian's libtesseract 5.3 lacks some (TessBaseAPIGetGradient).
     */
    private static final TessAPI API = TessAPI.INSTANCE;

    /** osd.traineddata is a legacy-engine model: OSD runs on Tesseract's classic classifier, not the LSTM. */
    private static final int OEM_TESSERACT_ONLY = 0;
    /** The name Tesseract loads orientation and script detection from ({@code osd.traineddata}). */
    public static final String OSD_LANGUAGE = "osd";

    private final TesseractConfig config;
    private final TessBaseAPI handle;
    /** A second handle initialised with "osd", created on first use and reused like {@link #handle}. */
    private TessBaseAPI osdHandle;
    private boolean closed;

    public TesseractEngine(TesseractConfig config) {
        this.config = config;
        handle = API.TessBaseAPICreate();
        int rc = init(handle, config);
        if (rc != 0) {
            API.TessBaseAPIDelete(handle);
            throw new RecognitionException("Tesseract init failed (rc=" + rc + ") with tessdata " + config.tessdata());
        }
        // Keeps Tesseract's "Empty page!!" and similar chatter off stderr (and out of CloudWatch).
        API.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    /** Init2, or Init4 when there are variables: some (dictionaries, word lists) are read only at Init. */
    private static int init(TessBaseAPI handle, TesseractConfig config) {
        if (config.variables().isEmpty()) {
            return API.TessBaseAPIInit2(handle, config.tessdata().toString(), config.language(), OEM_LSTM_ONLY);
        }
        List<String> names = new ArrayList<>(config.variables().keySet());
        List<String> values = names.stream().map(config.variables()::get).toList();
        PointerByReference namesRef = new PointerByReference();
        namesRef.setPointer(new StringArray(names.toArray(String[]::new)));
        PointerByReference valuesRef = new PointerByReference();
        valuesRef.setPointer(new StringArray(values.toArray(String[]::new)));
        return API.TessBaseAPIInit4(handle, config.tessdata().toString(), config.language(), OEM_LSTM_ONLY,
                null, 0, namesRef, valuesRef, new NativeSize(names.size()), 0);
    }

    /**
     * Recognises many line boxes of one page in one call ("batch mode"): the page is handed to Tesseract
     * once (smoothed to the lines' height, see {@link StrokeSmoothing}) and each box is read as a single line
     * (PSM 7) through SetRectangle.
     */
    public List<RecognizedLine> recognizeLines(GrayImage page, List<Box> lines) {
        return recognizeLines(page, lines, TextLineDetector.DEFAULT_READ_MARGIN);
    }

    /** As {@link #recognizeLines(GrayImage, List)}, keeping {@code margin} x each line's height around it. */
    public List<RecognizedLine> recognizeLines(GrayImage page, List<Box> lines, double margin) {
        ensureOpen();
        API.TessBaseAPISetPageSegMode(handle, ITessAPI.TessPageSegMode.PSM_SINGLE_LINE);
        if (config.scaling().enabled()) {
            return recognizeScaledLines(config.smoothing().apply(page, lines), lines, margin);
        }
        double f = config.scaling().pageFactor(lines);
        return f < 1 ? readScaledPage(page, lines, margin, f) : readPage(page, lines, margin);
    }

    /**
     * Reads the lines in place from a copy of the page scaled by {@code f} (< 1, INTER_AREA), boxes scaled with
     * it; each line keeps its requested box and its words' boxes come back in the page's pixels.
     */
    private List<RecognizedLine> readScaledPage(GrayImage page, List<Box> lines, double margin, double f) {
        GrayImage small = ScaledPage.at(page, f).image();
        // Each axis by its own factor: the copy's sides were rounded to whole pixels.
        double fx = (double) small.width() / page.width();
        double fy = (double) small.height() / page.height();
        List<Box> scaled = lines.stream()
                .map(b -> Box.ofCorners(b.x() * fx, b.y() * fy, b.right() * fx, b.bottom() * fy)).toList();
        List<RecognizedLine> read = readPage(small, scaled, margin);
        List<RecognizedLine> out = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            Box requested = lines.get(i);
            Box box = requested.clippedTo(page.width(), page.height());
            RecognizedLine r = read.get(i);
            List<Word> words = r.words().stream().map(w -> new Word(w.text(), Box.ofCorners(w.box().x() / fx,
                    w.box().y() / fy, w.box().right() / fx, w.box().bottom() / fy)
                    .clippedTo(page.width(), page.height()), w.confidence())).toList();
            out.add(new RecognizedLine(box.width() < 3 || box.height() < 3 ? requested : box, r.text(), r.confidence(),
                    words));
        }
        return out;
    }

    /** The lines read in place from the page (smoothed), re-reading doubtful ones when configured. */
    private List<RecognizedLine> readPage(GrayImage page, List<Box> lines, double margin) {
        GrayImage smoothed = config.smoothing().apply(page, lines);
        List<RecognizedLine> out = new ArrayList<>(Collections.nCopies(lines.size(), null));
        readInPlace(smoothed, lines, margin, IntStream.range(0, lines.size()).boxed().toList(), out);
        double below = config.smoothing().rereadBelow();
        if (below > 0 && smoothed != page) {
            // Lines the blurred page gave little confidence in are read again from the page as it is; the more
            // confident reading is kept (the blur that joins broken strokes also smears fine print).
            List<Integer> doubtful = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                RecognizedLine line = out.get(i);
                if (line.confidence() < below && line.box().width() >= 3 && line.box().height() >= 3) {
                    doubtful.add(i);
                }
            }
            if (!doubtful.isEmpty()) {
                List<RecognizedLine> again = new ArrayList<>(Collections.nCopies(lines.size(), null));
                readInPlace(page, lines, margin, doubtful, again);
                for (int i : doubtful) {
                    if (again.get(i).confidence() > out.get(i).confidence()) {
                        out.set(i, again.get(i));
                    }
                }
            }
        }
        return out;
    }

    /** Reads {@code lines[which]} from {@code image} in place (SetRectangle), into {@code out} at their index. */
    private void readInPlace(GrayImage image, List<Box> lines, double margin, List<Integer> which,
                             List<RecognizedLine> out) {
        setImage(image);
        try {
            for (int i : which) {
                Box requested = lines.get(i);
                Box box = requested.clippedTo(image.width(), image.height());
                if (box.width() < 3 || box.height() < 3) {
                    out.set(i, new RecognizedLine(requested, "", 0, List.of()));
                    continue;
                }
                Box read = requested.padded((int) Math.round(margin * requested.height()))
                        .clippedTo(image.width(), image.height());
                API.TessBaseAPISetRectangle(handle, read.x(), read.y(), read.width(), read.height());
                out.set(i, toLine(box, recognizeWords()));
            }
        } finally {
            API.TessBaseAPIClear(handle);
        }
    }

    /** Each line cut out with its margin, resized to the configured height, read alone, boxes mapped back. */
    private List<RecognizedLine> recognizeScaledLines(GrayImage page, List<Box> lines, double margin) {
        LineScaling scaling = config.scaling();
        Mat source = OpenCv.toMat(page);
        try {
            List<RecognizedLine> out = new ArrayList<>(lines.size());
            for (Box requested : lines) {
                Box box = requested.clippedTo(page.width(), page.height());
                if (box.width() < 3 || box.height() < 3) {
                    out.add(new RecognizedLine(requested, "", 0, List.of()));
                    continue;
                }
                Box read = requested.padded((int) Math.round(margin * requested.height()))
                        .clippedTo(page.width(), page.height());
                double f = scaling.factor(requested);
                int w = Math.max(1, (int) Math.round(read.width() * f));
                int h = Math.max(1, (int) Math.round(read.height() * f));
                Mat crop = source.submat(read.y(), read.bottom(), read.x(), read.right());
                Mat resized = new Mat();
                try {
                    // INTER_AREA averages when shrinking; cubic keeps strokes smooth when enlarging.
                    Imgproc.resize(crop, resized, new Size(w, h), 0, 0, f < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
                    setImage(OpenCv.toGray(resized));
                } finally {
                    crop.release();
                    resized.release();
                }
                try {
                    List<Word> words = recognizeWords().stream()
                            .map(word -> new Word(word.text(), toPage(word.box(), read, f), word.confidence()))
                            .toList();
                    out.add(toLine(box, words));
                } finally {
                    API.TessBaseAPIClear(handle);
                }
            }
            return out;
        } finally {
            source.release();
        }
    }

    /** A box in the resized crop (origin {@code read}'s corner, scaled by {@code f}) back in page pixels. */
    private static Box toPage(Box inCrop, Box read, double f) {
        return Box.ofCorners(read.x() + inCrop.x() / f, read.y() + inCrop.y() / f,
                read.x() + inCrop.right() / f, read.y() + inCrop.bottom() / f);
    }

    /** Tesseract's own layout analysis over the whole page (PSM 3): the baseline we compare detectors with. */
    public List<RecognizedLine> recognizePageLayout(GrayImage page) {
        ensureOpen();
        API.TessBaseAPISetPageSegMode(handle, ITessAPI.TessPageSegMode.PSM_AUTO);
        setImage(page);
        try {
            if (API.TessBaseAPIRecognize(handle, null) != 0) {
                throw new RecognitionException("Tesseract failed to recognise the page");
            }
            List<RecognizedLine> lines = new ArrayList<>();
            TessResultIterator ri = API.TessBaseAPIGetIterator(handle);
            if (ri == null) {
                return lines;
            }
            try {
                TessPageIterator pi = API.TessResultIteratorGetPageIterator(ri);
                List<Word> current = new ArrayList<>();
                do {
                    if (API.TessPageIteratorIsAtBeginningOf(pi, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) != 0
                            && !current.isEmpty()) {
                        lines.add(toLine(null, current));
                        current = new ArrayList<>();
                    }
                    Word word = currentWord(ri, pi);
                    if (word != null) {
                        current.add(word);
                    }
                } while (API.TessPageIteratorNext(pi, ITessAPI.TessPageIteratorLevel.RIL_WORD) != 0);
                if (!current.isEmpty()) {
                    lines.add(toLine(null, current));
                }
            } finally {
                API.TessResultIteratorDelete(ri);
            }
            return lines;
        } finally {
            API.TessBaseAPIClear(handle);
        }
    }

    /**
     * Tesseract's orientation and script detection on the whole page, through a separate handle initialised
     * with {@code osd} (PSM_OSD_ONLY). Empty when OSD finds too little text to decide (blank or tiny pages).
     *
     * @throws RecognitionException when the OSD handle cannot be initialised (osd.traineddata missing or bad)
     */
    public Optional<OsdResult> detectOrientation(GrayImage page) {
        ensureOpen();
        TessBaseAPI osd = osdHandle();
        setImage(osd, page);
        try {
            IntBuffer degrees = IntBuffer.allocate(1);
            FloatBuffer confidence = FloatBuffer.allocate(1);
            PointerByReference script = new PointerByReference();
            FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
            if (API.TessBaseAPIDetectOrientationScript(osd, degrees, confidence, script, scriptConfidence) == 0) {
                return Optional.empty();
            }
            // script_name points into Tesseract's own unicharset: read it, never free it.
            Pointer name = script.getValue();
            return Optional.of(new OsdResult(degrees.get(0), confidence.get(0),
                    name == null ? "" : name.getString(0, StandardCharsets.UTF_8.name()), scriptConfidence.get(0)));
        } finally {
            API.TessBaseAPIClear(osd);
        }
    }

    private TessBaseAPI osdHandle() {
        if (osdHandle == null) {
            TessBaseAPI created = API.TessBaseAPICreate();
            int rc = API.TessBaseAPIInit2(created, config.osdTessdata().toString(), OSD_LANGUAGE, OEM_TESSERACT_ONLY);
            if (rc != 0) {
                API.TessBaseAPIDelete(created);
                throw new RecognitionException("Tesseract OSD init failed (rc=" + rc + ") with tessdata " + config.osdTessdata());
            }
            API.TessBaseAPISetVariable(created, "debug_file", "/dev/null");
            API.TessBaseAPISetPageSegMode(created, ITessAPI.TessPageSegMode.PSM_OSD_ONLY);
            osdHandle = created;
        }
        return osdHandle;
    }

    private void setImage(GrayImage page) {
        setImage(handle, page);
    }

    private static void setImage(TessBaseAPI target, GrayImage page) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(page.pixels().length);
        buffer.put(page.pixels()).flip();
        API.TessBaseAPISetImage(target, buffer, page.width(), page.height(), 1, page.width());
    }

    private List<Word> recognizeWords() {
        if (API.TessBaseAPIRecognize(handle, null) != 0) {
            return List.of();
        }
        TessResultIterator ri = API.TessBaseAPIGetIterator(handle);
        if (ri == null) {
            return List.of();
        }
        List<Word> words = new ArrayList<>();
        try {
            TessPageIterator pi = API.TessResultIteratorGetPageIterator(ri);
            do {
                Word word = currentWord(ri, pi);
                if (word != null) {
                    words.add(word);
                }
            } while (API.TessPageIteratorNext(pi, ITessAPI.TessPageIteratorLevel.RIL_WORD) != 0);
        } finally {
            API.TessResultIteratorDelete(ri);
        }
        return words;
    }

    /** The word under the iterator; boxes come back in full-image coordinates even with SetRectangle. */
    private static Word currentWord(TessResultIterator ri, TessPageIterator pi) {
        int level = ITessAPI.TessPageIteratorLevel.RIL_WORD;
        Pointer textPointer = API.TessResultIteratorGetUTF8Text(ri, level);
        if (textPointer == null) {
            return null;
        }
        String text;
        try {
            text = textPointer.getString(0, StandardCharsets.UTF_8.name()).strip();
        } finally {
            API.TessDeleteText(textPointer);
        }
        if (text.isEmpty()) {
            return null;
        }
        IntBuffer left = IntBuffer.allocate(1);
        IntBuffer top = IntBuffer.allocate(1);
        IntBuffer right = IntBuffer.allocate(1);
        IntBuffer bottom = IntBuffer.allocate(1);
        API.TessPageIteratorBoundingBox(pi, level, left, top, right, bottom);
        float confidence = API.TessResultIteratorConfidence(ri, level);
        return new Word(text, Box.ofCorners(left.get(0), top.get(0), right.get(0), bottom.get(0)), confidence);
    }

    /** A line's confidence is its words' confidence weighted by their length. */
    private static RecognizedLine toLine(Box lineBox, List<Word> words) {
        if (words.isEmpty()) {
            return new RecognizedLine(lineBox, "", 0, List.of());
        }
        String text = String.join(" ", words.stream().map(Word::text).toList());
        double weighted = words.stream().mapToDouble(w -> w.confidence() * w.text().length()).sum();
        int chars = words.stream().mapToInt(w -> w.text().length()).sum();
        Box box = lineBox;
        if (box == null) {
            box = words.get(0).box();
            for (Word w : words) {
                box = box.union(w.box());
            }
        }
        return new RecognizedLine(box, text, weighted / chars, words);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            API.TessBaseAPIEnd(handle);
            API.TessBaseAPIDelete(handle);
            if (osdHandle != null) {
                API.TessBaseAPIEnd(osdHandle);
                API.TessBaseAPIDelete(osdHandle);
            }
        }
    }
}
