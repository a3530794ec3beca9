package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.efs.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.MDC;

/**
 * Runs a batch's documents on N worker threads. Before starting each document, and before each page of it,
 * it asks how much time is left; once under the safety margin it stops and returns the documents not
 * finished as DEFERRED for retry, so the invocation answers before Lambda kills it.
 */
public final class BatchProcessor implements AutoCloseable {
    private final OcrPipeline pipeline;
    private final ExecutorService workers;
    private final int workerCount;

    public BatchProcessor(OcrPipeline pipeline, int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("need at least one worker");
        }
        this.pipeline = pipeline;
        this.workerCount = workerCount;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "ocr-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int workerCount() {
        return workerCount;
    }

    public OcrPipeline pipeline() {
        return pipeline;
    }

    /**
     * @param remainingMillis time left in the invocation (Lambda's Context); {@code Long.MAX_VALUE} when unbounded
     * @param marginMillis    documents are not started with less time than this left
     * @param onDone          called after each document (progress bars), from worker threads
     */
    public List<DocumentOutcome> run(String batchId, List<DocumentTask> tasks, LongSupplier remainingMillis,
                                     long marginMillis, Consumer<DocumentOutcome> onDone) {
        Ids.require("batch id", batchId);
        List<Future<DocumentOutcome>> futures = new ArrayList<>(tasks.size());
        // The caller's log context (the invocation's request id) follows each document onto its worker.
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        for (DocumentTask task : tasks) {
            futures.add(workers.submit(() -> {
                setLogContext(logContext);
                try {
                    DocumentOutcome outcome = remainingMillis.getAsLong() < marginMillis
                            ? DocumentOutcome.deferred(task.docId())
                            : pipeline.process(batchId, task, () -> remainingMillis.getAsLong() < marginMillis);
                    onDone.accept(outcome);
                    return outcome;
                } finally {
                    MDC.clear();
                }
            }));
        }
        List<DocumentOutcome> outcomes = new ArrayList<>(tasks.size());
        for (int i = 0; i < futures.size(); i++) {
            outcomes.add(await(futures.get(i), tasks.get(i).docId()));
        }
        return outcomes;
    }

    private static void setLogContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /** A worker that died (it should not: the pipeline catches per document) still yields an outcome. */
    private static DocumentOutcome await(Future<DocumentOutcome> future, String docId) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DocumentOutcome.deferred(docId);
        } catch (ExecutionException e) {
            return DocumentOutcome.failed(docId, "WorkerCrashed", String.valueOf(e.getCause()), 0);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
