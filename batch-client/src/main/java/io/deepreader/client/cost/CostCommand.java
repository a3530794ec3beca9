package io.deepreader.client.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Projects $ per 1000 pages for Lambda and EC2 from a bench run's measured timings. The prices are an
 * editable input ({@code --write-prices} dumps the defaults); the result is labelled a projection.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Project $ per 1000 pages for Lambda vs EC2 from bench timings (a projection, not a bill).")
public final class CostCommand implements Callable<Integer> {
    /**
     * Defaults are us-east-1 list prices as of 2024 (x86 Lambda $0.0000166667/GB-s and $0.20/M requests;
     * c6i.large on-demand $0.085/h, 2 vCPU). Edit the JSON for your region or contract.
     */
    public record PriceTable(double lambdaPerGbSecond, double lambdaPerMillionRequests, int lambdaMemoryMb,
                             int pagesPerInvoke, double ec2PerHour, int ec2Vcpus, double ec2Utilisation) {
        static final PriceTable DEFAULT = new PriceTable(0.0000166667, 0.20, 3008, 10, 0.085, 2, 0.7);
    }

    public record Projection(String label, double msPerPageOneWorker, double pagesPerSecondMeasured, int benchCores,
                             double lambdaPer1000Pages, double ec2Per1000Pages, PriceTable prices) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--bench", description = "bench.json written by the bench command")
    Path bench;

    @Option(names = "--prices", description = "price table JSON (see --write-prices)")
    Path prices;

    @Option(names = "--write-prices", description = "write the default price table here and exit")
    Path writePrices;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (writePrices != null) {
            Json.mapper().writeValue(writePrices.toFile(), PriceTable.DEFAULT);
            out.println("wrote " + writePrices);
            out.flush();
            return ExitCodes.OK;
        }
        if (bench == null) {
            spec.commandLine().getErr().println("cost needs --bench bench.json (run the bench command first)");
            return ExitCodes.USAGE;
        }
        PriceTable p = prices == null ? PriceTable.DEFAULT : Json.mapper().readValue(prices.toFile(), PriceTable.class);
        JsonNode rows = Json.mapper().readTree(bench.toFile()).path("rows");
        double msPerPage = Double.MAX_VALUE;
        double bestPps = 0;
        for (JsonNode r : rows) {
            // Only in-process rows measure this machine's compute; lambda rows include the network and the remote CPU.
            boolean local = "local".equals(r.path("target").asText("local"));
            if (local && "warm".equals(r.path("phase").asText())) {
                // One worker's compute per page: what one Lambda vCPU-slice spends per page.
                msPerPage = Math.min(msPerPage, r.path("msPerPage").asDouble() * r.path("workers").asInt());
                bestPps = Math.max(bestPps, r.path("pagesPerSecond").asDouble());
            }
        }
        if (bestPps == 0) {
            spec.commandLine().getErr().println("no warm local rows in " + bench);
            return ExitCodes.USAGE;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        // Lambda bills GB-seconds: per page, ms x memory; plus one request per pagesPerInvoke pages.
        double lambda = 1000 * (msPerPage / 1000 * p.lambdaMemoryMb() / 1024.0 * p.lambdaPerGbSecond()
                + p.lambdaPerMillionRequests() / 1e6 / p.pagesPerInvoke());
        // EC2: throughput scales with vCPUs relative to this machine, at the stated average utilisation.
        double ec2PagesPerHour = bestPps * 3600 * p.ec2Vcpus() / cores * p.ec2Utilisation();
        double ec2 = 1000 * p.ec2PerHour() / ec2PagesPerHour;
        Projection projection = new Projection("PROJECTION from measured bench timings and an editable price table; "
                + "not a measured bill", round(msPerPage), bestPps, cores, round4(lambda), round4(ec2), p);
        if (json) {
            out.println(Json.mapper().writeValueAsString(projection));
        } else {
            out.printf("PROJECTION (not a bill): ms/page (1 worker)=%.1f, measured pages/s=%.2f on %d cores%n",
                    msPerPage, bestPps, cores);
            out.printf("  Lambda %d MB: $%.4f per 1000 pages%n", p.lambdaMemoryMb(), lambda);
            out.printf("  EC2 %d vCPU at %.0f%% utilisation: $%.4f per 1000 pages%n", p.ec2Vcpus(), p.ec2Utilisation() * 100, ec2);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
