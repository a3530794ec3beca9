package io.deepreader.client;

import io.deepreader.client.bench.BenchCommand;
import io.deepreader.client.cost.CostCommand;
import io.deepreader.client.queue.RedriveCommand;
import io.deepreader.client.queue.StatusCommand;
import io.deepreader.client.run.RunCommand;
import io.deepreader.client.submit.SubmitCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The user-facing CLI: {@code java -jar batch-client.jar <command> ...}. */
@Command(name = "deepreader", mixinStandardHelpOptions = true, version = "deepreader batch-client 1.0.0",
        description = "Submit, run, follow, benchmark and cost Deep Reader OCR batches.",
        subcommands = {SubmitCommand.class, RunCommand.class, BenchCommand.class, CostCommand.class,
                StatusCommand.class, RedriveCommand.class})
public final class Cli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        // One exit-code table for every command's --help (annotations cannot share an array constant).
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : ExitCodes.HELP_LIST) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        for (CommandLine command : all) {
            command.getCommandSpec().usageMessage().exitCodeListHeading(ExitCodes.HEADING).exitCodeList(codes);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            // A bad value found only once the command runs (e.g. --concurrency 0) is still a usage error.
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE;
        });
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }
}
