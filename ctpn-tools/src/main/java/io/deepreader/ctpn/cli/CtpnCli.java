package io.deepreader.ctpn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ctpn <command>}: train, build (random-weight vgg16 etc.), eval, bench, install. */
@Command(name = "ctpn", mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, DetectCommand.class, EvalCommand.class, TuneCommand.class, TrainCutsCommand.class, TrainLineCheckCommand.class, BuildCommand.class, InstallCommand.class, ColdStartCommand.class, BenchCommand.class, PipelineCommand.class})
public final class CtpnCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new CtpnCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
