package io.deepreader.client.cost;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "cost", mixinStandardHelpOptions = true)
public final class CostCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
