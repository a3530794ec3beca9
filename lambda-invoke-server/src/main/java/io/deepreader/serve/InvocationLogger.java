package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Forwards the handler's {@code context.getLogger()} lines to SLF4J (tagged with the request id) and
 * keeps the last 4 KB, which is what Lambda returns base64-encoded in {@code X-Amz-Log-Result}
 * for {@code LogType=Tail}.
 */
final class InvocationLogger implements LambdaLogger {
    static final int TAIL_BYTES = 4096;

    private final Logger log;
    private final String requestId;
    private final StringBuilder tail = new StringBuilder();

    InvocationLogger(String functionName, String requestId) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
        this.requestId = requestId;
    }

    @Override
    public void log(String message) {
        String line = message == null ? "null" : message;
        log.atInfo().addKeyValue("requestId", requestId).log(line.stripTrailing());
        synchronized (tail) {
            tail.append(line);
            if (!line.endsWith("\n")) {
                tail.append('\n');
            }
            if (tail.length() > 4 * TAIL_BYTES) {
                tail.delete(0, tail.length() - TAIL_BYTES);
            }
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    void note(String line) {
        log(line);
    }

    /** The last {@value #TAIL_BYTES} bytes of what was logged (cut on a character boundary). */
    byte[] tail() {
        byte[] all;
        synchronized (tail) {
            all = tail.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (all.length <= TAIL_BYTES) {
            return all;
        }
        int from = all.length - TAIL_BYTES;
        while (from < all.length && (all[from] & 0xC0) == 0x80) {
            from++;
        }
        byte[] cut = new byte[all.length - from];
        System.arraycopy(all, from, cut, 0, cut.length);
        return cut;
    }
}
