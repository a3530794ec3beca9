package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.loader.ModelStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install", description = "Seed a model directory into an EFS root as models/ctpn/{version}/, optionally making it current.")
final class InstallCommand implements Callable<Integer> {
    @Option(names = "--efs-root", required = true) Path efsRoot;
    @Option(names = "--model", required = true) Path model;
    @Option(names = "--version", required = true) String version;
    @Option(names = "--current", description = "Switch models/ctpn/current to this version.") boolean current;

    @Override
    public Integer call() {
        ModelStore store = new ModelStore(efsRoot);
        Path dir = store.install(model, version, current);
        System.out.printf("installed %s%s%n", dir, current ? " (current)" : "");
        return 0;
    }
}
