package io.deepreader.ctpn.model;

import java.util.List;

/**
 * The layer sizes of one CTPN configuration; the graph code is shared. {@code stages} are conv blocks,
 * each followed by a 2x2 max pool except the last; {@code firstStride2} makes the first conv stride 2 so
 * the small model never convolves at full resolution. Four halvings give CTPN's stride 16.
 *
 * <p>Row context: the paper runs a bidirectional LSTM (128 units each way) along every feature row. TF
 * Java cannot differentiate through while loops, and a statically unrolled LSTM would fix the page width
 * in the graph, so the row context here is a stack of 1x3 convolutions along the row with dilations
 * 1, 2, 4, 8 (residual), which sees +-31 cells (~500 px) left and right, like the BiLSTM's useful span on
 * receipts, and trains with dense ops only.
 */
public record Architecture(String name, boolean firstStride2, List<List<Integer>> stages, int windowChannels,
                           int contextChannels, List<Integer> contextDilations, int fcChannels) {

    public Architecture {
        stages = stages.stream().map(List::copyOf).toList();
        contextDilations = List.copyOf(contextDilations);
        int halvings = (firstStride2 ? 1 : 0) + stages.size() - 1;
        if (halvings != 4) {
            throw new IllegalArgumentException("CTPN needs stride 16, got 2^" + halvings);
        }
    }

    /** Small backbone sized for 2 CPU cores (~1.5 GMAC on a 1000x800 page). */
    public static Architecture small() {
        return new Architecture("small", true,
                List.of(List.of(16), List.of(32), List.of(64), List.of(96, 96)),
                96, 96, List.of(1, 2, 4, 8), 128);
    }

    /**
     * The paper's VGG16 backbone (conv1_1 .. conv5_3) plus the 3x3x512 window conv, a 256-channel row
     * context (the BiLSTM's 2x128) and the 512-unit FC layer: ~18M parameters. {@code width} scales every
     * channel count (parameters grow with its square): 1.0 ~72 MB, ~1.95 the 275 MB size class.
     */
    public static Architecture vgg16(double width) {
        return new Architecture(width == 1.0 ? "vgg16" : "vgg16-w" + width, false,
                List.of(List.of(c(64, width), c(64, width)), List.of(c(128, width), c(128, width)),
                        List.of(c(256, width), c(256, width), c(256, width)),
                        List.of(c(512, width), c(512, width), c(512, width)),
                        List.of(c(512, width), c(512, width), c(512, width))),
                c(512, width), c(256, width), List.of(1, 2, 4, 8), c(512, width));
    }

    public static Architecture named(String name) {
        if (name.equals("small")) {
            return small();
        }
        if (name.equals("vgg16")) {
            return vgg16(1.0);
        }
        if (name.startsWith("vgg16-w")) {
            return vgg16(Double.parseDouble(name.substring("vgg16-w".length())));
        }
        throw new IllegalArgumentException("unknown CTPN architecture: " + name);
    }

    private static int c(int channels, double width) {
        return Math.max(8, (int) Math.round(channels * width));
    }
}
