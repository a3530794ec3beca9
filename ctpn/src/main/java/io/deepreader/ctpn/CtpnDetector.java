package io.deepreader.ctpn;

import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.loader.ModelManifest;
import io.deepreader.ctpn.postprocess.InkGapSplitter;
import io.deepreader.ctpn.postprocess.InkTrim;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LearnedLineCheck;
import io.deepreader.ctpn.postprocess.LineFeatures;
import io.deepreader.ctpn.postprocess.LineCutter;
import io.deepreader.ctpn.postprocess.NonMaxSuppression;
import io.deepreader.ctpn.postprocess.ProposalDecoder;
import io.deepreader.ctpn.postprocess.TextBand;
import io.deepreader.ctpn.postprocess.TextConnector;
import io.deepreader.ctpn.postprocess.TextProposal;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.PageBands;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GaussianBlur;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.NoiseLevel;
import io.deepreader.ocr.image.ScaledPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * CTPN text-line detector: shrink the page to the model's input scale (a long receipt: by its width, in
 * {@link PageBands}), pad to the stride, one TF session
 * run (tensor in, three tensors out), then plain-Java post-processing: decode anchors, NMS, connect
 * proposals into lines, trim line ends to the ink, map back to the page's pixels. Thread-safe: the
 * session is, and everything else is per call.
 */
public final class CtpnDetector implements TextLineDetector {

    /**
     * Post-processing knobs; {@link #defaults()} are the values the shipped model was evaluated with, chosen by
     * the {@code tune} command's detection F1 on SROIE 250-299 and confirmed on 200-249 (training split only).
     * {@code inkPad} pads the ink-snapped box by that fraction of the line height; {@code splitGapFactor}
     * cuts a line at a blank run of ink columns at least that many line heights wide (0 = never), and
     * {@code splitSpacingFactor} (0 = off) also asks that run to be that many times the line's median blank run
     * ({@link InkGapSplitter}: letter-spaced headings stay whole).
     * On a page whose pixel noise ({@link NoiseLevel}) is at least {@code denoiseAbove} gray levels, the ink is
     * measured on a copy blurred by {@code denoiseSigma} (model-input pixels): speckle otherwise reads as ink in
     * the snaps and fills the blank runs; clean pages keep their sharp edges (a blur on every SROIE page cost
     * 0.8 points of F1).
     */
    public record Settings(double minProposalScore, double nmsIou, TextConnector.Params connector, boolean inkTrim,
                           double inkPad, double splitGapFactor, double splitSpacingFactor, double denoiseAbove,
                           double denoiseSigma, double minWidthFactor) {
        public static Settings defaults() {
            return new Settings(0.97, 0.3, TextConnector.Params.defaults(), true, 0.1, 1.0, 0, 5.0, 1.0, MIN_WIDTH);
        }
    }

    /** The network's raw outputs for one padded input: NHWC-flat {@code [rows, cols, k]} arrays. */
    public record NetworkOutput(float[] scores, float[] dy, float[] dh, int rows, int cols) {
    }

    private static final double READ_MARGIN = 0.1;
    /**
     * A piece narrower than this many heights is dropped: it is the one ink column of a rule, the receipt's edge
     * or a speck left beside a cut (its padding alone is 0.2 heights). On receipts 000-249 the pieces under 0.2
     * heights were 105 detections matching nothing and none that matched (detection F1 0.856 -> 0.860; 0.3:
     * 0.863, but that drops matched ones, and on 250-299 it was 0.857 / 0.858 / 0.858).
     */
    static final double MIN_WIDTH = 0.2;

    private final LoadedModel model;
    private final Settings settings;
    private final Anchors anchors;
    private final ProposalDecoder decoder;
    private final TextConnector connector;
    private final InkTrim trim;
    private final LineCutter cutter;
    private final Optional<LearnedLineCheck> lineCheck;

    public CtpnDetector(LoadedModel model) {
        this(model, Settings.defaults());
    }

    /** With the model's learned line cuts when its manifest lists them, else {@link InkGapSplitter}'s rule. */
    public CtpnDetector(LoadedModel model, Settings settings) {
        this(model, settings, defaultCutter(model, settings));
    }

    public CtpnDetector(LoadedModel model, Settings settings, LineCutter cutter) {
        this(model, settings, cutter, defaultLineCheck(model));
    }

    /** With {@code lineCheck} dropping pieces that are not text (empty: keep every piece). */
    public CtpnDetector(LoadedModel model, Settings settings, LineCutter cutter, Optional<LearnedLineCheck> lineCheck) {
        this.lineCheck = lineCheck;
        this.model = model;
        this.settings = settings;
        ModelManifest.AnchorSpec spec = model.manifest().anchors();
        this.anchors = new Anchors(model.manifest().input().stride(), spec.heights());
        this.decoder = new ProposalDecoder(anchors);
        this.connector = new TextConnector(settings.connector());
        this.trim = new InkTrim(anchors.stride(), settings.inkPad());
        this.cutter = cutter;
    }

    /** The cut rule of a model: its {@value LearnedCuts#FILE_NAME} when the manifest lists one, else the gap rule. */
    public static LineCutter defaultCutter(LoadedModel model, Settings settings) {
        boolean listed = model.manifest().files().stream().anyMatch(f -> f.path().equals(LearnedCuts.FILE_NAME));
        return listed ? LearnedCuts.read(model.directory().resolve(LearnedCuts.FILE_NAME), settings.inkPad())
                : gapRule(settings);
    }

    /** The model's {@value LearnedLineCheck#FILE_NAME} when its manifest lists one. */
    public static Optional<LearnedLineCheck> defaultLineCheck(LoadedModel model) {
        boolean listed = model.manifest().files().stream().anyMatch(f -> f.path().equals(LearnedLineCheck.FILE_NAME));
        return listed ? Optional.of(LearnedLineCheck.read(model.directory().resolve(LearnedLineCheck.FILE_NAME)))
                : Optional.empty();
    }

    /** {@link InkGapSplitter} with the settings' split gap, spacing and padding. */
    public static LineCutter gapRule(Settings settings) {
        return new InkGapSplitter(settings.splitGapFactor(), settings.inkPad(), settings.splitSpacingFactor());
    }

    /**
     * CTPN's boxes already carry {@code inkPad} of white around the snapped ink, so they are read with less
     * extra margin than the default: with stroke smoothing, CTPN page CER on SROIE 0-49 / 250-299 was 0.170 /
     * 0.160 at 0.05, 0.173 / 0.155 at 0.08, 0.174 / 0.157 at 0.1, 0.174 / 0.155 at 0.12, 0.181 / 0.159 at the
     * default 0.15 and 0.192 / 0.171 at 0.2 (the OpenCV detector keeps 0.15: 0.225 there against 0.231 at 0.1).
     */
    @Override
    public double readMargin() {
        return READ_MARGIN;
    }

    @Override
    public String name() {
        return "ctpn-" + model.manifest().architecture();
    }

    @Override
    public List<DetectedLine> detect(GrayImage page) {
        int maxSide = model.manifest().input().maxSide();
        PageBands plan = PageBands.plan(page.width(), page.height(), maxSide);
        if (!plan.banded()) {
            ScaledPage scaled = ScaledPage.of(page, maxSide);
            return lines(page, scaled, infer(scaled.image()));
        }
        // A long receipt: scaled by its width, one session run per band (the graph is fully convolutional, any
        // input size; a band holds at most maxSide x maxSide pixels, as a normal page).
        List<List<DetectedLine>> perBand = new ArrayList<>();
        for (PageBands.Band band : plan.bands()) {
            GrayImage crop = PageBands.crop(page, band);
            ScaledPage scaled = ScaledPage.at(crop, plan.scale());
            perBand.add(lines(crop, scaled, infer(scaled.image())));
        }
        return List.copyOf(ReadingOrder.sortLines(plan.merge(perBand)));
    }

    /**
     * Post-processing only, in plain Java: the lines of {@code page} from the network's outputs on its scaled
     * copy (public so settings can be compared on one inference per page).
     */
    public List<DetectedLine> lines(GrayImage page, ScaledPage scaled, NetworkOutput output) {
        GrayImage img = inkImage(scaled.image());
        List<TextBand> bands = bands(img, output);
        List<LineFeatures.Piece> pieces = pieces(img, bands);
        if (lineCheck.isPresent()) {
            pieces = lineCheck.get().keep(img, bands, pieces);
        }
        List<DetectedLine> out = new ArrayList<>();
        for (LineFeatures.Piece piece : pieces) {
            Box box = scaled.toOriginal(piece.box(bands), page.width(), page.height());
            if (box.width() > 0 && box.height() > 0) {
                out.add(new DetectedLine(box, Math.min(1.0, bands.get(piece.band()).score())));
            }
        }
        return List.copyOf(ReadingOrder.sortLines(out));
    }

    /** The bands cut into lines, pieces narrower than the settings' minimum dropped, in band order. */
    public List<LineFeatures.Piece> pieces(GrayImage inkImage, List<TextBand> bands) {
        List<List<double[]>> cuts = settings.inkTrim() ? cutter.cut(inkImage, bands)
                : bands.stream().map(b -> List.of(new double[] {b.left(), b.right()})).toList();
        List<LineFeatures.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            for (double[] piece : cuts.get(i)) {
                if (piece[1] - piece[0] >= settings.minWidthFactor() * bands.get(i).height()) {
                    pieces.add(new LineFeatures.Piece(i, piece[0], piece[1]));
                }
            }
        }
        return List.copyOf(pieces);
    }

    /**
     * The connected lines of a scaled page, their top, bottom and ends snapped to the ink of {@code inkImage}
     * ({@link #inkImage}) when the settings say so, before any cut.
     */
    public List<TextBand> bands(GrayImage inkImage, NetworkOutput output) {
        List<TextBand> bands = new ArrayList<>();
        for (TextConnector.Line l : connector.connect(proposals(inkImage, output))) {
            double left = l.left();
            double right = l.right();
            double top = l.top();
            double bottom = l.bottom();
            if (settings.inkTrim()) {
                double[] tb = trim.refineVertical(inkImage, left, top, right, bottom);
                top = tb[0];
                bottom = tb[1];
                double[] lr = trim.refine(inkImage, left, top, right, bottom);
                left = lr[0];
                right = lr[1];
            }
            bands.add(new TextBand(left, top, right, bottom, l.score()));
        }
        return List.copyOf(bands);
    }

    /** The page post-processing measures ink on: denoised when it is noisy, else itself. */
    public GrayImage inkImage(GrayImage scaledPage) {
        if (settings.denoiseSigma() <= 0 || NoiseLevel.sigma(scaledPage) < settings.denoiseAbove()) {
            return scaledPage;
        }
        return GaussianBlur.apply(scaledPage, settings.denoiseSigma());
    }

    /** Proposals after score threshold and NMS, in the scaled page's pixels (exposed for evaluation). */
    public List<TextProposal> proposals(GrayImage img) {
        return proposals(img, infer(img));
    }

    private List<TextProposal> proposals(GrayImage img, NetworkOutput o) {
        List<TextProposal> raw = decoder.decode(o.scores(), o.dy(), o.dh(), o.rows(), o.cols(),
                settings.minProposalScore(), img.width(), img.height());
        return NonMaxSuppression.apply(raw, settings.nmsIou());
    }

    /** One TF session run on an image already at the model's input scale (padded white to the stride here). */
    public NetworkOutput infer(GrayImage img) {
        int s = anchors.stride();
        int w = (img.width() + s - 1) / s * s;
        int h = (img.height() + s - 1) / s * s;
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, 1f); // pad with white paper
        byte[] src = img.pixels();
        for (int y = 0; y < img.height(); y++) {
            int row = y * img.width();
            for (int x = 0; x < img.width(); x++) {
                px[y * w + x] = (src[row + x] & 0xff) / 255f;
            }
        }
        int rows = h / s;
        int cols = w / s;
        int n = rows * cols * anchors.count();
        float[] scores = new float[n];
        float[] dy = new float[n];
        float[] dh = new float[n];
        ModelManifest.SignatureSpec sig = model.manifest().signature();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(1, h, w, 1), DataBuffers.of(px, true, false));
             Result r = model.session().runner().feed(sig.input(), input)
                     .fetch(sig.scores()).fetch(sig.dy()).fetch(sig.dh()).run()) {
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(scores, false, false));
            ((TFloat32) r.get(1)).copyTo(DataBuffers.of(dy, false, false));
            ((TFloat32) r.get(2)).copyTo(DataBuffers.of(dh, false, false));
        }
        return new NetworkOutput(scores, dy, dh, rows, cols);
    }
}
