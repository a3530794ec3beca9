package io.deepreader.ctpn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the commands that fit a learned post-processing file on a CTPN model's outputs ({@code train-cuts},
 * {@code train-line-check}): the receipts, the model, the file to write and the trees' size.
 */
final class TreeFitOptions {
    @Option(names = "--sroie", required = true) Path sroie;
    @Option(names = "--model", required = true) Path model;
    @Option(names = "--range", defaultValue = "0-249") String range;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--rounds", defaultValue = "150") int rounds;
    @Option(names = "--depth", defaultValue = "3") int depth;
    @Option(names = "--eta", defaultValue = "0.1") double eta;

    TreeTraining training(int seed) {
        return new TreeTraining(depth, eta, seed, rounds);
    }
}
