package io.deepreader.ocr.eval;

import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.recognition.RecognizedLine;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractEngine;
import io.deepreader.ocr.result.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes LSTM fine-tuning data from SROIE receipts' own line boxes, framed the way the pipeline hands lines to
 * Tesseract: per receipt the page blurred by {@link TesseractConfig#DEFAULT_SMOOTHING} (same sigma per line
 * height) as {@code {id}.png}, and a line box file {@code {id}.box} (Tesseract's WordStr format, tesstrain's
 * {@code generate_line_box.py}) with one line per truth box and its ground-truth text. Each line's box is the
 * ink box Tesseract itself finds when it reads the line as the pipeline does (PSM 7 through the read rectangle
 * padded by {@link TextLineDetector#DEFAULT_READ_MARGIN}: the union of its word boxes), since at run time the
 * LSTM sees that box plus Tesseract's 4 px padding, not the rectangle; lines it finds nothing in keep the truth
 * box. SROIE's upper-cased texts get their letter case back from that reading ({@link TruthCase}).
 * {@code tesseract {id}.png {id} --psm 13 lstm.train} then cuts those lines into {@code {id}.lstmf}.
 * Usage: {@code LineTrainingData SROIE_DIR FROM TO_EXCLUSIVE OUT_DIR [TESSDATA_PREFIX]}.
 */
public final class LineTrainingData {
    private LineTrainingData() {
    }

    public static void main(String[] args) throws Exception {
        Path sroie = Path.of(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        if (to > SroieReceipt.REPORT_SPLIT_START) {
            throw new IllegalArgumentException("training lines must come from receipts under "
                    + SroieReceipt.REPORT_SPLIT_START + " (the report split is never trained on)");
        }
        Path out = Files.createDirectories(Path.of(args[3]));
        TesseractConfig config = TesseractConfig.english(args.length > 4 ? args[4] : System.getenv("TESSDATA_PREFIX"));
        int lines = 0;
        int fallback = 0;
        try (TesseractEngine engine = new TesseractEngine(config)) {
            for (SroieReceipt receipt : SroieReceipt.loadRange(sroie, from, to)) {
                GrayImage page = GrayImage.from(ImageIO.read(receipt.image().toFile()));
                List<SroieReceipt.TruthLine> truth = receipt.lines().stream()
                        .filter(l -> !l.text().isBlank() && l.box().width() >= 3 && l.box().height() >= 3).toList();
                List<Box> boxes = truth.stream().map(SroieReceipt.TruthLine::box).toList();
                List<RecognizedLine> read = engine.recognizeLines(page, boxes, TextLineDetector.DEFAULT_READ_MARGIN);
                List<String> box = new ArrayList<>();
                for (int i = 0; i < truth.size(); i++) {
                    Box ink = inkBox(read.get(i), page);
                    if (ink == null) {
                        ink = boxes.get(i).clippedTo(page.width(), page.height());
                        fallback++;
                    }
                    box.addAll(wordStr(ink, page.height(), TruthCase.restore(truth.get(i).text().strip(), read.get(i).text())));
                    lines++;
                }
                GrayImage smoothed = config.smoothing().apply(page, boxes);
                ImageIO.write(smoothed.toBufferedImage(), "png", out.resolve(receipt.id() + ".png").toFile());
                Files.write(out.resolve(receipt.id() + ".box"), box, StandardCharsets.UTF_8);
            }
        }
        System.out.printf("%d lines of receipts %d-%d (%d kept the truth box) in %s%n", lines, from, to - 1, fallback, out);
    }

    private static Box inkBox(RecognizedLine line, GrayImage page) {
        Box union = null;
        for (Word w : line.words()) {
            union = union == null ? w.box() : union.union(w.box());
        }
        if (union == null) {
            return null;
        }
        Box clipped = union.clippedTo(page.width(), page.height());
        return clipped.width() >= 3 && clipped.height() >= 3 ? clipped : null;
    }

    /** A box file's line: WordStr with the text, then the tab end-of-line box; y counts from the bottom. */
    private static List<String> wordStr(Box b, int pageHeight, String text) {
        int bottom = pageHeight - b.bottom();
        int top = pageHeight - b.y();
        return List.of(String.format("WordStr %d %d %d %d 0 #%s", b.x(), bottom, b.right(), top, text),
                String.format("\t %d %d %d %d 0", b.right(), bottom, b.right() + 1, top));
    }
}
