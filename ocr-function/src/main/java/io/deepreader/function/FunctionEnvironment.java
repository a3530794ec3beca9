package io.deepreader.function;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.loader.ModelStore;
import io.deepreader.ctpn.loader.TensorFlowRuntime;
import io.deepreader.efs.frameworks.FrameworkLocator;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.LeftoverSweep;
import io.deepreader.ocr.orientation.OrientationDetector;
import io.deepreader.ocr.pipeline.BatchProcessor;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.RecognitionModelStore;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything an execution environment builds once and reuses across invocations (warm starts): the
 * detector, the Tesseract pool, the workers, the S3 client. The one place cold-start state lives.
 */
public final class FunctionEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionEnvironment.class);
    private static volatile FunctionEnvironment shared;

    private final FunctionConfig config;
    private final BatchProcessor batch;
    private final DocumentSources sources;
    private final S3Holder s3;
    private final long initMillis;
    private final CtpnModelLoader modelLoader;
    private final Optional<ExtractionTrigger> extraction;
    private final EfsLayout layout;
    private final LeftoverSweep leftovers;

    public EfsLayout layout() {
        return layout;
    }

    /** Lazily creates the environment's single instance from the process environment. */
    public static FunctionEnvironment shared() {
        FunctionEnvironment env = shared;
        if (env == null) {
            synchronized (FunctionEnvironment.class) {
                env = shared;
                if (env == null) {
                    env = new FunctionEnvironment(FunctionConfig.fromEnv(System.getenv()));
                    shared = env;
                }
            }
        }
        return env;
    }

    public FunctionEnvironment(FunctionConfig config) {
        long start = System.nanoTime();
        // Process start -> here: JVM start, the runtime interface client's bootstrap and the handler class load.
        long jvmStartMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        this.config = config;
        EfsLayout layout = new EfsLayout(config.efsRoot());
        this.layout = layout;
        // Tesseract init and detector set-up are independent: overlap them to shorten the cold start.
        // TF native load + model read/verify (CTPN), Tesseract init and OpenCV load are independent:
        // run them side by side so the cold start costs the slowest, not the sum.
        // The line model: models/tessdata/current on EFS when seeded (verified here, once, beside the CTPN load),
        // else the layer's eng.
        CompletableFuture<WarmPool> warm = CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            TesseractPool p = new TesseractPool(
                    new RecognitionModelStore(layout).select(TesseractConfig.english(config.tessdataPrefix())), config.workers());
            p.warm(1);
            return new WarmPool(p, Math.round((System.nanoTime() - t) / 1e6));
        });
        this.modelLoader = "ctpn".equals(config.detector()) ? ctpnLoader(config, layout) : null;
        // The TF natives load on their own thread beside the model read (as ctpn's cold-start command does), so
        // the log can say what each cost; the SavedModel load waits for the natives where it needs them.
        CompletableFuture<Long> tfNatives = modelLoader == null ? null
                : CompletableFuture.supplyAsync(() -> TensorFlowRuntime.preload().time().toMillis());
        CompletableFuture<LoadedModel> model = modelLoader == null ? null : modelLoader.getAsync();
        Preprocessor preprocessor = new Preprocessor();
        TextLineDetector detector = createDetector(config, model);
        WarmPool warmed = unwrap(warm);
        TesseractPool pool = warmed.pool();
        long tesseractInitMs = warmed.millis();
        OcrPipeline pipeline = new OcrPipeline(new DocumentDecoder(config.limits()),
                new PageProcessor(OrientationDetector.create(pool, config.detectOrientation()), preprocessor, detector, pool),
                layout, config.pdfText());
        this.batch = new BatchProcessor(pipeline, config.workers());
        this.leftovers = new LeftoverSweep(layout, pipeline.locks(), config.partialRetention(), Clock.systemUTC());
        this.s3 = new S3Holder(config);
        this.sources = new DocumentSources(layout, s3, config.limits().maxBytes());
        this.extraction = ExtractionTrigger.create(config.downstream().extractorFunction(),
                config.downstream().lambdaEndpoint(), config.region());
        this.initMillis = Math.round((System.nanoTime() - start) / 1e6);
        var ready = LOG.atInfo().addKeyValue("detector", detector.name()).addKeyValue("workers", config.workers())
                .addKeyValue("initMs", initMillis).addKeyValue("jvmStartMs", jvmStartMs)
                .addKeyValue("tesseractInitMs", tesseractInitMs);
        if (modelLoader != null) {
            LoadedModel.Timings t = modelLoader.get().timings();
            ready = ready.addKeyValue("tfNativeMs", tfNatives.join()).addKeyValue("modelTotalMs", t.total().toMillis())
                    .addKeyValue("modelLoadMs", t.load().toMillis()).addKeyValue("modelVerifyMs", t.verify().toMillis())
                    .addKeyValue("modelBytes", t.bytes());
        }
        ready.log("environment ready");
    }

    private static CtpnModelLoader ctpnLoader(FunctionConfig config, EfsLayout layout) {
        // Must run before any org.tensorflow class loads: points JavaCPP at the natives on EFS.
        config.ctpn().frameworkDir().ifPresent(FrameworkLocator::useTensorFlow);
        return new CtpnModelLoader(new ModelStore(layout), config.ctpn().pinnedVersion(), config.ctpn().intraOpThreads());
    }

    private static TextLineDetector createDetector(FunctionConfig config, CompletableFuture<LoadedModel> model) {
        return switch (config.detector()) {
            case "opencv" -> new MorphologyLineDetector();
            case "ctpn" -> new CtpnDetector(unwrap(model));
            default -> throw new IllegalArgumentException("unknown DETECTOR '" + config.detector() + "' (opencv, ctpn)");
        };
    }

    private record WarmPool(TesseractPool pool, long millis) {
    }

    /** The loaders' own typed exceptions (missing, corrupt model), not the future's wrapper. */
    private static <T> T unwrap(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public FunctionConfig config() {
        return config;
    }

    public BatchProcessor batch() {
        return batch;
    }

    /** Swept at the start of an invocation, at most once per {@link LeftoverSweep#INTERVAL} in this environment. */
    LeftoverSweep leftovers() {
        return leftovers;
    }

    Optional<ExtractionTrigger> extraction() {
        return extraction;
    }

    DocumentSources sources() {
        return sources;
    }

    public long initMillis() {
        return initMillis;
    }

    @Override
    public void close() {
        batch.close();
        s3.close();
        extraction.ifPresent(ExtractionTrigger::close);
        if (modelLoader != null) {
            modelLoader.close();
        }
    }

    /** The S3 client is only built if a request names S3: EFS-only batches never pay for it. */
    private static final class S3Holder implements Supplier<S3Client>, AutoCloseable {
        private final FunctionConfig config;
        private S3Client client;

        S3Holder(FunctionConfig config) {
            this.config = config;
        }

        @Override
        public synchronized S3Client get() {
            if (client == null) {
                var builder = S3Client.builder()
                        .region(Region.of(config.region()))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(DefaultCredentialsProvider.create());
                config.s3Endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
                client = builder.build();
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
            }
        }
    }
}
