package io.deepreader.function;

import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.pdftext.PdfTextMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the function reads from its environment, read once at the edge.
 *
 * @param efsRoot        EFS_ROOT: the mounted access point, {@code /mnt/efs} on Lambda
 * @param tessdataPrefix TESSDATA_PREFIX: {@code /opt/tessdata} from the layer; null = well-known places
 * @param workers        OCR_WORKERS: documents processed at once (default: available cores)
 * @param detector       DETECTOR: {@code ctpn} (default; model on EFS) or {@code opencv} (no model)
 * @param marginMillis   TIME_MARGIN_MS: stop starting documents with less time than this left
 * @param s3Endpoint     S3_ENDPOINT: override for S3-compatible stores and tests (empty on AWS)
 * @param ctpn           CTPN_MODEL_VERSION, TF_INTRA_OP_THREADS, TF_FRAMEWORK_DIR
 * @param detectOrientation DETECT_ORIENTATION: turn pages scanned at 90/180/270 degrees upright with
 *                       Tesseract's OSD (default false: OSD costs ~0.35-1.2 s a page, +83% page time on
 *                       receipts, and most invoice scans arrive upright)
 * @param pdfText        PDF_TEXT: {@code auto} (default: PDF pages with a usable text layer are read from it, the
 *                       others OCRed), {@code never} (OCR every page), {@code always} (every page with text)
 * @param partialRetention PARTIAL_RETENTION_HOURS: the finished pages a deferred or killed attempt left are swept
 *                       once untouched this long (default 24 h: SQS's automatic retries all come within
 *                       maxReceiveCount x visibility timeout, 5 x 30 min here; a day more leaves room for a redrive
 *                       from the DLQ, and a later one only reads the document again from page 1)
 */
public record FunctionConfig(Path efsRoot, String tessdataPrefix, int workers, String detector, long marginMillis,
                             Optional<URI> s3Endpoint, String region, DocumentLimits limits, Ctpn ctpn,
                             Downstream downstream, boolean detectOrientation, PdfTextMode pdfText,
                             Duration partialRetention) {
    public static final Duration DEFAULT_PARTIAL_RETENTION = Duration.ofHours(24);

    /** Leftovers kept for {@link #DEFAULT_PARTIAL_RETENTION}. */
    public FunctionConfig(Path efsRoot, String tessdataPrefix, int workers, String detector, long marginMillis,
                          Optional<URI> s3Endpoint, String region, DocumentLimits limits, Ctpn ctpn,
                          Downstream downstream, boolean detectOrientation, PdfTextMode pdfText) {
        this(efsRoot, tessdataPrefix, workers, detector, marginMillis, s3Endpoint, region, limits, ctpn, downstream,
                detectOrientation, pdfText, DEFAULT_PARTIAL_RETENTION);
    }

    /** Text-layer reading at its default, {@code auto}. */
    public FunctionConfig(Path efsRoot, String tessdataPrefix, int workers, String detector, long marginMillis,
                          Optional<URI> s3Endpoint, String region, DocumentLimits limits, Ctpn ctpn,
                          Downstream downstream, boolean detectOrientation) {
        this(efsRoot, tessdataPrefix, workers, detector, marginMillis, s3Endpoint, region, limits, ctpn, downstream,
                detectOrientation, PdfTextMode.AUTO);
    }

    /** With orientation detection off, its default. */
    public FunctionConfig(Path efsRoot, String tessdataPrefix, int workers, String detector, long marginMillis,
                          Optional<URI> s3Endpoint, String region, DocumentLimits limits, Ctpn ctpn,
                          Downstream downstream) {
        this(efsRoot, tessdataPrefix, workers, detector, marginMillis, s3Endpoint, region, limits, ctpn, downstream, false);
    }

    /**
     * @param extractorFunction EXTRACTOR_FUNCTION: invoked (Event) for each finished document; empty = none
     * @param lambdaEndpoint    LAMBDA_ENDPOINT: Invoke API override (serve mode, tests); empty on AWS
     */
    public record Downstream(Optional<String> extractorFunction, Optional<URI> lambdaEndpoint) {
        public static final Downstream NONE = new Downstream(Optional.empty(), Optional.empty());
    }

    /**
     * @param pinnedVersion  load this model version instead of following models/ctpn/current (null: follow)
     * @param intraOpThreads TF intra-op threads (0: available cores)
     * @param frameworkDir   the TensorFlow native bundle on EFS (empty: natives from the classpath, as in tests)
     */
    public record Ctpn(String pinnedVersion, int intraOpThreads, Optional<Path> frameworkDir) {
        public static final Ctpn DEFAULT = new Ctpn(null, 0, Optional.empty());
    }

    public static FunctionConfig fromEnv(Map<String, String> env) {
        DocumentLimits d = DocumentLimits.DEFAULT;
        return new FunctionConfig(
                Path.of(env.getOrDefault("EFS_ROOT", "/mnt/efs")),
                env.get("TESSDATA_PREFIX"),
                Integer.parseInt(env.getOrDefault("OCR_WORKERS", String.valueOf(Runtime.getRuntime().availableProcessors()))),
                env.getOrDefault("DETECTOR", "ctpn"),
                Long.parseLong(env.getOrDefault("TIME_MARGIN_MS", "10000")),
                Optional.ofNullable(env.get("S3_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create),
                env.getOrDefault("AWS_REGION", "us-east-1"),
                new DocumentLimits(
                        Long.parseLong(env.getOrDefault("MAX_DOCUMENT_BYTES", String.valueOf(d.maxBytes()))),
                        Long.parseLong(env.getOrDefault("MAX_PAGE_PIXELS", String.valueOf(d.maxPixelsPerPage()))),
                        Integer.parseInt(env.getOrDefault("MAX_PAGES", String.valueOf(d.maxPages()))),
                        Integer.parseInt(env.getOrDefault("PDF_DPI", String.valueOf(d.pdfDpi())))),
                new Ctpn(env.get("CTPN_MODEL_VERSION"),
                        Integer.parseInt(env.getOrDefault("TF_INTRA_OP_THREADS", "0")),
                        Optional.ofNullable(env.get("TF_FRAMEWORK_DIR")).filter(s -> !s.isBlank()).map(Path::of)),
                new Downstream(Optional.ofNullable(env.get("EXTRACTOR_FUNCTION")).filter(s -> !s.isBlank()),
                        Optional.ofNullable(env.get("LAMBDA_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create)),
                flag(env.get("DETECT_ORIENTATION"), "DETECT_ORIENTATION", false),
                PdfTextMode.parse(env.get("PDF_TEXT")),
                hours(env.get("PARTIAL_RETENTION_HOURS"), "PARTIAL_RETENTION_HOURS", DEFAULT_PARTIAL_RETENTION));
    }

    private static Duration hours(String value, String name, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long hours = Long.parseLong(value.strip());
            if (hours >= 0) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of hours, 0 or more, not " + value);
    }

    private static boolean flag(String value, String name, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not " + value);
        };
    }
}
