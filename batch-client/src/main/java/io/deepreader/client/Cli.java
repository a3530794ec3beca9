package io.deepreader.client;

import io.deepreader.client.bench.BenchCommand;
import io.deepreader.client.cost.CostCommand;
import io.deepreader.client.run.RunCommand;
import io.deepreader.client.submit.SubmitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The user-facing CLI: {@code java -jar batch-client.jar <command> ...}. */
@Command(name = "deepreader", mixinStandardHelpOptions = true, version = "deepreader batch-client 1.0.0",
        description = "Submit, run, benchmark and cost Deep Reader OCR batches.",
        subcommands = {SubmitCommand.class, RunCommand.class, BenchCommand.class, CostCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all documents ok", "1:some documents failed or were rejected", "2:invalid usage",
                "3:endpoint, bucket or file system unavailable"})
public final class Cli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        });
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }
}
