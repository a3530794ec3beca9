package io.deepreader.extract.eval;

import io.deepreader.extract.OcrOutputReader;
import io.deepreader.extract.fields.ExpenseDocument;
import io.deepreader.extract.fields.ExpenseExtractor;
import io.deepreader.extract.fields.ExpenseFieldType;
import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.extract.types.TypeTagger;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SROIE task 3 style evaluation of the field extractor: exact match of company, date, address and
 * total after upper-casing and removing white space, over a range of receipts.
 * <pre>
 *   SroieFieldEval --data ../shared/data/sroie-dev [--from 300 --to 399] [--source truth]
 *   SroieFieldEval --data ... --source ocr --efs-root DIR [--batch sroie] [--workers 2]
 *   SroieFieldEval --data ... --source efs --efs-root DIR --batch ID [--doc-format %03d] [--errors]
 * </pre>
 * {@code truth} builds each page from the ground-truth line transcripts (an upper bound: perfect OCR);
 * {@code ocr} first runs the real pipeline (OpenCV detector + Tesseract) over the receipts into
 * {@code --efs-root}, then evaluates its output; {@code efs} only reads OCR output already there
 * (page-NNNN.ocr.json, e.g. written by the deployed OCR function).
 */
public final class SroieFieldEval {
    private static final String[] FIELDS = {"company", "date", "address", "total"};

    public record Score(int receipts, Map<String, Integer> correct, List<String> errors) {
        public double accuracy(String field) {
            return receipts == 0 ? 0 : (double) correct.getOrDefault(field, 0) / receipts;
        }
    }

    /** Where a receipt's OCR comes from. */
    @FunctionalInterface
    public interface PageSource {
        List<PageResult> pages(String receipt) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path data = Path.of(opts.getOrDefault("data", System.getProperty("shared.dir", "../shared") + "/data/sroie-dev"));
        int from = Integer.parseInt(opts.getOrDefault("from", "300"));
        int to = Integer.parseInt(opts.getOrDefault("to", "399"));
        String source = opts.getOrDefault("source", "truth");
        PageSource pages = switch (source) {
            case "truth" -> truth(data);
            case "ocr" -> {
                Path root = Path.of(required(opts, "efs-root"));
                String batch = opts.getOrDefault("batch", "sroie");
                String format = opts.getOrDefault("doc-format", "%03d");
                long start = System.nanoTime();
                var outcomes = SroieOcrRun.run(data, from, to, root, batch, format,
                        Integer.parseInt(opts.getOrDefault("workers", String.valueOf(Runtime.getRuntime().availableProcessors()))));
                System.out.printf(Locale.ROOT, "OCR: %d documents, %d failed, %.1f s%n", outcomes.size(),
                        outcomes.stream().filter(o -> !o.isOk()).count(), (System.nanoTime() - start) / 1e9);
                yield efs(root, batch, format);
            }
            case "efs" -> efs(Path.of(required(opts, "efs-root")), required(opts, "batch"), opts.getOrDefault("doc-format", "%03d"));
            default -> throw new IllegalArgumentException("unknown --source " + source + " (truth|ocr|efs)");
        };
        if (opts.containsKey("dump")) {
            dump(System.out, pages.pages(opts.get("dump")));
            return;
        }
        Score score = evaluate(data, from, to, pages);
        print(System.out, source, from, to, score, opts.containsKey("errors"));
    }

    public static PageSource truth(Path data) {
        return receipt -> List.of(SroieGroundTruth.page(data.resolve("box").resolve(receipt + ".csv"),
                data.resolve("img").resolve(receipt + ".jpg"), receipt));
    }

    public static PageSource efs(Path root, String batchId, String docFormat) {
        OcrOutputReader reader = new OcrOutputReader(new EfsLayout(root));
        return receipt -> reader.read(batchId, String.format(Locale.ROOT, docFormat, Integer.parseInt(receipt)));
    }

    public static Score evaluate(Path data, int from, int to, PageSource source) throws Exception {
        ExpenseExtractor extractor = new ExpenseExtractor(new TypeTagger());
        Map<String, Integer> correct = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        int n = 0;
        for (int i = from; i <= to; i++) {
            String receipt = String.format(Locale.ROOT, "%03d", i);
            Path keyFile = data.resolve("key").resolve(receipt + ".json");
            if (!Files.exists(keyFile)) {
                continue;
            }
            SroieKey key = SroieKey.read(keyFile);
            ExpenseDocument doc;
            try {
                doc = extractor.extract(source.pages(receipt));
            } catch (Exception e) {
                errors.add(receipt + " all: " + e.getMessage());
                doc = new ExpenseDocument(null, List.of(), List.of());
            }
            n++;
            String[] expected = {key.company(), key.date(), key.address(), key.total()};
            String[] actual = {doc.valueOf(ExpenseFieldType.VENDOR_NAME), doc.valueOf(ExpenseFieldType.INVOICE_RECEIPT_DATE),
                doc.valueOf(ExpenseFieldType.VENDOR_ADDRESS), doc.valueOf(ExpenseFieldType.TOTAL)};
            for (int f = 0; f < FIELDS.length; f++) {
                if (SroieKey.normalize(expected[f]).equals(SroieKey.normalize(actual[f]))) {
                    correct.merge(FIELDS[f], 1, Integer::sum);
                } else {
                    errors.add(receipt + " " + FIELDS[f] + ": expected '" + expected[f] + "' got '" + actual[f] + "'");
                }
            }
        }
        return new Score(n, correct, errors);
    }

    static void print(PrintStream out, String source, int from, int to, Score score, boolean errors) {
        if (errors) {
            score.errors().forEach(out::println);
        }
        out.printf(Locale.ROOT, "SROIE field exact match, receipts %03d-%03d (%d), source=%s%n", from, to, score.receipts(), source);
        for (String f : FIELDS) {
            out.printf(Locale.ROOT, "  %-8s %.3f (%d/%d)%n", f, score.accuracy(f), score.correct().getOrDefault(f, 0), score.receipts());
        }
    }

    /** Prints the visual rows with their typed values and the extracted fields: for tuning rules on the dev split. */
    static void dump(PrintStream out, List<PageResult> pages) {
        TypeTagger tagger = new TypeTagger();
        for (PageResult page : pages) {
            List<TokenText> rows = PageText.rows(page);
            for (int i = 0; i < rows.size(); i++) {
                String text = rows.get(i).text();
                out.printf(Locale.ROOT, "%3d %3.0f %s   %s%n", i, rows.get(i).confidence(), text,
                        tagger.tag(text).stream().map(s -> s.type() + "=" + s.text()).toList());
            }
        }
        ExpenseDocument doc = new ExpenseExtractor(tagger).extract(pages);
        doc.summaryFields().forEach(f -> out.println(f.type() + " = " + f.value() + "  [" + f.label() + "]"));
        doc.lineItems().forEach(item -> out.println("ITEM " + item.fields().stream().map(f -> f.type() + "=" + f.value()).toList()));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(name, args[++i]);
            } else {
                opts.put(name, "true");
            }
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
