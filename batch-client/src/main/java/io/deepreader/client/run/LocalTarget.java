package io.deepreader.client.run;

import io.deepreader.client.Progress;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.document.DocumentNotFoundException;
import io.deepreader.ocr.pdftext.PdfTextMode;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the pipeline in this process (on-prem or EC2), with the same environment the function builds. */
public final class LocalTarget implements AutoCloseable {
    private final FunctionEnvironment environment;

    public LocalTarget(FunctionEnvironment environment) {
        this.environment = environment;
    }

    /** @param detector {@code ctpn} (the model must be seeded under efsRoot/models/ctpn) or {@code opencv} */
    public static FunctionConfig config(Path efsRoot, String tessdataPrefix, int workers, String detector) {
        return config(efsRoot, tessdataPrefix, workers, detector, false);
    }

    /** @param detectOrientation turn pages scanned at 90/180/270 degrees upright (Tesseract OSD) */
    public static FunctionConfig config(Path efsRoot, String tessdataPrefix, int workers, String detector,
                                        boolean detectOrientation) {
        return config(efsRoot, tessdataPrefix, workers, detector, detectOrientation, FunctionConfig.Ctpn.DEFAULT);
    }

    /** @param ctpn model version pin and TF threads, as the function's CTPN_MODEL_VERSION / TF_INTRA_OP_THREADS */
    public static FunctionConfig config(Path efsRoot, String tessdataPrefix, int workers, String detector,
                                        boolean detectOrientation, FunctionConfig.Ctpn ctpn) {
        return config(efsRoot, tessdataPrefix, workers, detector, detectOrientation, ctpn, PdfTextMode.AUTO);
    }

    /** @param pdfText how PDF pages are read, as the function's PDF_TEXT */
    public static FunctionConfig config(Path efsRoot, String tessdataPrefix, int workers, String detector,
                                        boolean detectOrientation, FunctionConfig.Ctpn ctpn, PdfTextMode pdfText) {
        // No S3 and no downstream invokes in process: the region is never used.
        return new FunctionConfig(efsRoot, tessdataPrefix, workers, detector, 0, Optional.empty(), "us-east-1",
                DocumentLimits.DEFAULT, ctpn, FunctionConfig.Downstream.NONE, detectOrientation, pdfText);
    }

    public FunctionEnvironment environment() {
        return environment;
    }

    public List<DocumentResult> run(String batchId, List<InputDocument> docs, Progress progress) {
        List<DocumentTask> tasks = new ArrayList<>();
        for (InputDocument doc : docs) {
            tasks.add(new DocumentTask(doc.docId(), () -> read(doc.path())));
        }
        long start = System.nanoTime();
        List<DocumentOutcome> outcomes = environment.batch().run(batchId, tasks, () -> Long.MAX_VALUE, 0,
                o -> progress.step(o.isOk()));
        long requestMillis = Math.round((System.nanoTime() - start) / 1e6);
        List<DocumentResult> results = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            DocumentOutcome o = outcomes.get(i);
            results.add(new DocumentResult(o.docId(), docs.get(i).path().toString(), o.status().json(), o.errorType(),
                    o.errorMessage(), o.pages(), o.lines(), o.millis(), 1, 0, requestMillis));
        }
        return results;
    }

    private static byte[] read(Path path) throws DocumentNotFoundException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DocumentNotFoundException("cannot read " + path + ": " + e, e);
        }
    }

    @Override
    public void close() {
        environment.close();
    }
}
