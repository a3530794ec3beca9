package io.deepreader.client.bench;

import io.deepreader.client.Json;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Writes bench.csv, bench.json, two PNG charts (Java2D, headless) and a self-contained report.html. */
final class BenchReport {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40)};
    private final Path dir;

    BenchReport(Path dir) {
        this.dir = dir;
    }

    static final String CSV_HEADER = "target,phase,workers,batchSize,documents,pages,failed,wallMs,meanResponseMs,"
            + "p50Ms,p90Ms,p99Ms,pagesPerSecond,msPerPage";

    static String csv(BenchCommand.Row r) {
        return String.join(",", r.target(), r.phase(), "" + r.workers(), "" + r.batchSize(), "" + r.documents(),
                "" + r.pages(), "" + r.failed(), "" + r.wallMillis(), "" + r.meanResponseMillis(), "" + r.p50Millis(),
                "" + r.p90Millis(), "" + r.p99Millis(), "" + r.pagesPerSecond(), "" + r.msPerPage());
    }

    void write(BenchCommand.BenchResult result) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(CSV_HEADER + "\n");
        result.rows().forEach(r -> csv.append(csv(r)).append('\n'));
        BenchCommand.writeAtomically(dir.resolve("bench.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        BenchCommand.writeAtomically(dir.resolve("bench.json"), Json.mapper().writeValueAsBytes(result));

        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (BenchCommand.Row r : result.rows()) {
            if (r.phase().equals("warm")) {
                String parallelism = r.target().equals("local") ? " workers" : " in flight";
                series.computeIfAbsent(r.target() + " " + r.workers() + parallelism, k -> new ArrayList<>())
                        .add(new double[]{r.batchSize(), r.pagesPerSecond()});
            }
        }
        byte[] throughput = png(lineChart("Throughput (pages/s) vs batch size", "batch size", series));
        Map<String, Double> stages = new LinkedHashMap<>(result.meanStageMillis());
        byte[] stageChart = png(barChart("Mean per-page stage time (ms)", stages));
        BenchCommand.writeAtomically(dir.resolve("throughput.png"), throughput);
        BenchCommand.writeAtomically(dir.resolve("stages.png"), stageChart);

        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Deep Reader bench</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style>"
                + "</head><body><h1>Deep Reader OCR benchmark</h1><p>Target: " + result.target() + "; " + result.note() + "</p><table><tr>");
        for (String h : ("target,phase,workers / in flight,batch size,documents,pages,failed,wall ms,mean response ms,"
                + "p50 ms,p90 ms,p99 ms,pages/s,ms/page").split(",")) {
            html.append("<th>").append(h).append("</th>");
        }
        html.append("</tr>");
        for (BenchCommand.Row r : result.rows()) {
            html.append("<tr>");
            for (String c : csv(r).split(",")) {
                html.append("<td>").append(c).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table><p>Response time: per document, the round trip of the request (local: the batch run) "
                + "that carried it; percentiles are nearest-rank. Cold: environment start + first document.</p>");
        html.append("<h2>Throughput</h2><img alt=\"throughput\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(throughput)).append("\">");
        html.append("<h2>Stages</h2><img alt=\"stages\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(stageChart)).append("\"></body></html>\n");
        BenchCommand.writeAtomically(dir.resolve("report.html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static BufferedImage canvas(String title) {
        BufferedImage img = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 400);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 60, 25);
        g.drawLine(60, 350, 610, 350);
        g.drawLine(60, 50, 60, 350);
        g.dispose();
        return img;
    }

    /**
     * Points at evenly spaced x positions, one per distinct x value (batch sizes 1, 10, 100 read better as
     * categories than on a linear axis), y from 0 with labelled grid lines.
     */
    private static BufferedImage lineChart(String title, String xLabel, Map<String, List<double[]>> series) {
        BufferedImage img = canvas(title);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        double maxY = 0.001;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                xs.add(p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double top = niceCeiling(maxY);
        List<Double> xValues = new java.util.ArrayList<>(xs);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            int y = 350 - (int) (v / top * 290);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(61, y, 610, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.2f", v), 22, y + 4);
        }
        for (int k = 0; k < xValues.size(); k++) {
            int x = xPosition(k, xValues.size());
            g.drawLine(x, 350, x, 355);
            double v = xValues.get(k);
            g.drawString(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v), x - 4, 368);
        }
        g.drawString(xLabel, 300, 388);
        int i = 0;
        for (var e : series.entrySet()) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(new BasicStroke(2));
            int px = -1;
            int py = -1;
            for (double[] p : e.getValue()) {
                int x = xPosition(xValues.indexOf(p[0]), xValues.size());
                int y = 350 - (int) (p[1] / top * 290);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(480, 52 + 16 * i, 10, 10);
            g.drawString(e.getKey(), 496, 61 + 16 * i);
            i++;
        }
        g.dispose();
        return img;
    }

    private static int xPosition(int index, int count) {
        return count == 1 ? 335 : 100 + index * 470 / (count - 1);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: grid labels a reader can add up. */
    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static BufferedImage barChart(String title, Map<String, Double> values) {
        BufferedImage img = canvas(title);
        Graphics2D g = img.createGraphics();
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int n = Math.max(1, values.size());
        int width = 540 / n;
        int i = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (var e : values.entrySet()) {
            int h = (int) (e.getValue() / Math.max(max, 0.001) * 280);
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(65 + i * width, 350 - h, width - 10, h);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), 65 + i * width, 365 + (i % 2) * 12);
            g.drawString(String.valueOf(e.getValue()), 65 + i * width, 345 - h);
            i++;
        }
        g.dispose();
        return img;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }
}
