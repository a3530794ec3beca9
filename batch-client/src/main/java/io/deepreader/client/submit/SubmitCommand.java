package io.deepreader.client.submit;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "submit", mixinStandardHelpOptions = true)
public final class SubmitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
