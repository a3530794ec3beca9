package io.deepreader.extract.formats;

import java.util.Locale;

/** The interoperable outputs written next to the OCR output; per page or per document. */
public enum OutputFormat {
    /** hOCR 1.2 (XHTML), one file per page: page-NNNN.hocr. */
    HOCR,
    /** ALTO v4 XML, one file per page: page-NNNN.alto.xml. */
    ALTO,
    /** Textract DetectDocumentText-compatible JSON for the whole document (AnalyzeDocument's with tables): textract.json. */
    TEXTRACT,
    /** The page images with an invisible text layer: searchable.pdf. */
    PDF,
    /** The tables found on the pages: tables.json and one RFC 4180 CSV per table (page-NNNN.table-NN.csv). */
    TABLES;

    public static OutputFormat parse(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
