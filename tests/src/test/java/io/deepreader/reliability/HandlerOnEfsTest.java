package io.deepreader.reliability;

import io.deepreader.function.FunctionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class that drives the real handler (in process, OpenCV detector) on a folder as EFS with an empty
 * {@code inbox/}, one function environment for the whole class. Subclasses put their inputs into the inbox in
 * their own {@code @BeforeAll}, which JUnit runs after this one. Test classes run one at a time (no parallel
 * execution is configured), so the static state is one class's at a time.
 */
abstract class HandlerOnEfsTest {
    @TempDir
    static Path temp;
    static Path efs;
    static FunctionEnvironment env;

    @BeforeAll
    static void startHandlerOnEfs() throws IOException {
        efs = Files.createDirectories(temp.resolve("efs"));
        Files.createDirectories(efs.resolve("inbox"));
        env = Invocations.environment(efs, Map.of());
    }

    @AfterAll
    static void stopHandlerOnEfs() {
        env.close();
    }
}
