package io.deepreader.ctpn.train;

import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.ScaledPage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * Draws training crops: a synthetic page or a (pre-shrunk, randomly rescaled) SROIE receipt, cut to a
 * {@code crop x crop} window (padded white when smaller), with the truth boxes moved into the window.
 */
public final class TrainingSampler {
    private final SyntheticPages synthetic;
    private final List<SroieReceipt> receipts;
    private final double realFraction;
    private final int maxSide;
    private final int crop;
    private final Map<String, Scaled> cache = new ConcurrentHashMap<>();

    record Scaled(GrayImage image, List<Box> lines) {
    }

    /** One crop ready for {@link TargetEncoder}: pixels as floats in [0,1]. */
    public record Sample(int width, int height, float[] pixels, List<Box> lines, String source) {
    }

    public TrainingSampler(SyntheticPages synthetic, List<SroieReceipt> receipts, double realFraction, int maxSide,
                           int crop) {
        this.synthetic = synthetic;
        this.receipts = List.copyOf(receipts);
        this.realFraction = receipts.isEmpty() ? 0 : realFraction;
        this.maxSide = maxSide;
        this.crop = crop;
    }

    public Sample next(Random rnd) {
        GrayImage page;
        List<Box> lines;
        String source;
        if (rnd.nextDouble() < realFraction) {
            SroieReceipt r = receipts.get(rnd.nextInt(receipts.size()));
            Scaled s = cache.computeIfAbsent(r.id(), id -> load(r));
            // Scale jitter 0.75..1.05 of the production scale.
            double f = 0.75 + rnd.nextDouble() * 0.3;
            ScaledPage sp = ScaledPage.of(s.image(), (int) (Math.max(s.image().width(), s.image().height()) * f));
            page = sp.image();
            lines = s.lines().stream().map(b -> b.scaled(sp.scale())).toList();
            source = "sroie";
        } else {
            SyntheticPages.Page p = synthetic.render(rnd.nextLong());
            page = p.image();
            lines = p.lines();
            source = "synthetic";
        }
        return cut(page, lines, rnd, source);
    }

    public int loadedReceipts() {
        return cache.size();
    }

    private Sample cut(GrayImage page, List<Box> lines, Random rnd, String source) {
        int x0 = page.width() > crop ? rnd.nextInt(page.width() - crop + 1) : 0;
        int y0 = page.height() > crop ? rnd.nextInt(page.height() - crop + 1) : 0;
        float[] px = new float[crop * crop];
        java.util.Arrays.fill(px, 1f);
        byte[] src = page.pixels();
        int w = Math.min(crop, page.width() - x0);
        int h = Math.min(crop, page.height() - y0);
        for (int y = 0; y < h; y++) {
            int row = (y + y0) * page.width() + x0;
            for (int x = 0; x < w; x++) {
                px[y * crop + x] = (src[row + x] & 0xff) / 255f;
            }
        }
        List<Box> moved = new ArrayList<>();
        for (Box b : lines) {
            Box m = new Box(b.x() - x0, b.y() - y0, b.width(), b.height());
            Box c = m.clippedTo(w, h);
            // Lines cut through vertically would teach half-height boxes; keep only mostly-inside ones.
            if (c.height() >= m.height() * 0.8 && c.width() >= 8) {
                moved.add(c);
            }
        }
        return new Sample(crop, crop, px, moved, source);
    }

    private Scaled load(SroieReceipt r) {
        try {
            BufferedImage img = ImageIO.read(r.image().toFile());
            GrayImage gray = GrayImage.from(img);
            // Cache slightly above production scale so the jitter can go both ways.
            ScaledPage sp = ScaledPage.of(gray, (int) (maxSide * 1.2));
            List<Box> lines = r.lines().stream().map(t -> t.box().scaled(sp.scale())).toList();
            return new Scaled(sp.image(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
