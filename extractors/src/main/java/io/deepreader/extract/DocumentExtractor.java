package io.deepreader.extract;

import io.deepreader.extract.fields.ExpenseDocument;
import io.deepreader.extract.fields.ExpenseExtractor;
import io.deepreader.extract.formats.AltoWriter;
import io.deepreader.extract.formats.HocrWriter;
import io.deepreader.extract.formats.OutputFormat;
import io.deepreader.extract.formats.SearchablePdfWriter;
import io.deepreader.extract.formats.TextractConverter;
import io.deepreader.extract.tables.PageRulings;
import io.deepreader.extract.tables.RulingDetector;
import io.deepreader.extract.tables.TableExtractor;
import io.deepreader.extract.tables.TablesResult;
import io.deepreader.extract.tables.TablesWriter;
import io.deepreader.extract.types.TypeExtractor;
import io.deepreader.extract.types.TypeTagger;
import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.InvalidIdException;
import io.deepreader.ocr.pdftext.TextLayerFiles;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The extractor function's one pipeline object: read a document's OCR output from EFS, run the type
 * and field extractors, write the requested formats and then extract.json, each atomically, next to
 * the OCR output. extract.json is written last: its presence means every other output is complete.
 * <p>
 * A bad request or a document without OCR output is an answer (status), not an exception; an I/O
 * error is thrown, so that Lambda's retry of an asynchronous invocation can try again.
 */
public final class DocumentExtractor {
    public static final String EXTRACT_JSON = "extract.json";
    public static final String TEXTRACT_JSON = "textract.json";
    public static final String SEARCHABLE_PDF = "searchable.pdf";

    private final EfsLayout layout;
    private final Set<OutputFormat> defaultFormats;
    private final OcrOutputReader reader;
    private final TypeExtractor types;
    private final ExpenseExtractor expenses;
    private final HocrWriter hocr = new HocrWriter();
    private final AltoWriter alto = new AltoWriter();
    private final TextractConverter textract = new TextractConverter();
    private final SearchablePdfWriter pdf;
    private final TableExtractor tables = new TableExtractor();
    private final TablesWriter tablesWriter = new TablesWriter();
    private final PageRulings rulings;

    public DocumentExtractor(ExtractorConfig config) {
        this.layout = new EfsLayout(config.efsRoot());
        this.defaultFormats = config.defaultFormats();
        this.reader = new OcrOutputReader(layout);
        TypeTagger tagger = new TypeTagger();
        this.types = new TypeExtractor(tagger);
        this.expenses = new ExpenseExtractor(tagger);
        this.pdf = new SearchablePdfWriter(config.pdfDpi());
        this.rulings = new PageRulings(layout, config.pdfDpi(), new RulingDetector());
    }

    public ExtractResponse extract(ExtractRequest request) throws IOException {
        long start = System.nanoTime();
        String batchId = request.batchId();
        String docId = request.docId();
        Set<OutputFormat> formats;
        try {
            Ids.require("batch id", batchId);
            Ids.require("document id", docId);
            formats = formats(request.formats());
        } catch (IllegalArgumentException e) {
            // InvalidIdException is one: an id that would not stay under the EFS root, or an unknown format.
            return ExtractResponse.failed(ExtractResponse.INVALID_REQUEST, printable(batchId), printable(docId), e.getMessage(), millis(start));
        }
        List<PageResult> pages;
        try {
            pages = reader.read(batchId, docId);
        } catch (NoOcrOutputException e) {
            return ExtractResponse.failed(ExtractResponse.NO_OCR_OUTPUT, batchId, docId, e.getMessage(), millis(start));
        }
        Path dir = layout.documentDir(batchId, docId);
        List<String> outputs = new ArrayList<>();
        // Tables feed both tables.json and Textract's TABLE blocks: found once, only when one of them is asked for.
        TablesResult found = formats.contains(OutputFormat.TABLES) || formats.contains(OutputFormat.TEXTRACT)
                ? tables.extract(batchId, docId, pages, page -> rulings.of(batchId, docId, page))
                : null;
        for (OutputFormat format : formats) {
            outputs.addAll(writeFormat(format, pages, found, batchId, docId, dir));
        }
        ExpenseDocument expense = expenses.extract(pages);
        ExtractResult result = new ExtractResult(ExtractResult.SCHEMA_VERSION, batchId, docId, pages.size(), expense.currency(),
                expense.summaryFields(), expense.lineItems(), types.extract(pages));
        AtomicFiles.write(dir.resolve(EXTRACT_JSON), out -> ResultJson.mapper().writeValue(nonClosing(out), result));
        outputs.add(EXTRACT_JSON);
        return new ExtractResponse(ExtractResponse.OK, batchId, docId, pages.size(), outputs, null, millis(start));
    }

    private List<String> writeFormat(OutputFormat format, List<PageResult> pages, TablesResult found, String batchId,
                                     String docId, Path dir)
            throws IOException {
        List<String> written = new ArrayList<>();
        switch (format) {
            case HOCR, ALTO -> {
                for (PageResult page : pages) {
                    String base = EfsLayout.pageName(page.page());
                    String image = base + ".png";
                    String name = format == OutputFormat.HOCR ? base + ".hocr" : base + ".alto.xml";
                    String xml = format == OutputFormat.HOCR ? hocr.write(page, image) : alto.write(page, image);
                    AtomicFiles.writeString(dir.resolve(name), xml);
                    written.add(name);
                }
            }
            case TEXTRACT -> {
                AtomicFiles.write(dir.resolve(TEXTRACT_JSON),
                        out -> ResultJson.mapper().writeValue(nonClosing(out), textract.convert(pages, found)));
                written.add(TEXTRACT_JSON);
            }
            case PDF -> {
                AtomicFiles.write(dir.resolve(SEARCHABLE_PDF), out -> pdf.write(pages,
                        page -> Optional.of(layout.preprocessedPage(batchId, docId, page)),
                        page -> Optional.of(TextLayerFiles.originalPage(layout, batchId, docId, page)), out));
                written.add(SEARCHABLE_PDF);
            }
            case TABLES -> written.addAll(tablesWriter.write(dir, found));
        }
        return written;
    }

    private Set<OutputFormat> formats(List<String> names) {
        if (names == null) {
            return defaultFormats.isEmpty() ? Set.of() : EnumSet.copyOf(defaultFormats);
        }
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String name : names) {
            try {
                formats.add(OutputFormat.parse(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown format '" + name + "' (known: " + List.of(OutputFormat.values()) + ")");
            }
        }
        return formats;
    }

    /** Jackson closes the stream it writes to; AtomicFiles must flush and fsync it first. */
    private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static String printable(String id) {
        return id == null || Ids.isValid(id) ? id : null;
    }

    private static long millis(long start) {
        return Math.round((System.nanoTime() - start) / 1e6);
    }
}
