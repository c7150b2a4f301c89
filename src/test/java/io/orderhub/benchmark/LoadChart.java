package io.orderhub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and p99 latency against offered load, as an SVG the README shows (docs/benchmark/load.svg): the
 * sustained rate on the left axis with the line where it would equal the offered rate, p99 on the right axis.
 */
final class LoadChart {

    /** One step of the sweep. */
    record Point(double offered, double sustained, double p99Ms) {
    }

    private static final int W = 720;
    private static final int H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private LoadChart() {
    }

    static void write(Path file, List<Point> points, String subtitle) throws IOException {
        double maxX = Math.max(1300, points.stream().mapToDouble(Point::offered).max().orElse(0) * 1.05);
        double maxRate = maxX;
        double maxP99 = niceCeiling(points.stream().mapToDouble(Point::p99Ms).max().orElse(1000));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(W / 2.0, 18, "middle", "bold", "Order hub: sustained orders/s and p99 latency vs offered load"));
        svg.append(text(W / 2.0, 34, "middle", "normal", subtitle));
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotH - plotH * i / 5;
            svg.append(line(LEFT, y, W - RIGHT, y, "#e0e0e0", 1));
            svg.append(text(LEFT - 6, y + 4, "end", "normal", fmt(maxRate * i / 5)));
            svg.append(text(W - RIGHT + 6, y + 4, "start", "normal", fmt(maxP99 * i / 5)));
        }
        for (double x = 0; x <= maxX; x += 200) {
            double px = LEFT + plotW * x / maxX;
            svg.append(line(px, TOP + plotH, px, TOP + plotH + 4, "#555", 1));
            svg.append(text(px, TOP + plotH + 18, "middle", "normal", fmt(x)));
        }
        svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#555", 1)).append(line(LEFT, TOP + plotH, W - RIGHT,
                TOP + plotH, "#555", 1)).append(line(W - RIGHT, TOP, W - RIGHT, TOP + plotH, "#555", 1));
        svg.append(text(W / 2.0, H - 18, "middle", "normal", "offered load (orders/s)"));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.0f\" transform=\"rotate(-90 16 %.0f)\""
                + " text-anchor=\"middle\" fill=\"#1f5fbf\">sustained (orders/s)</text>%n", TOP + plotH / 2, TOP + plotH / 2));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.0f\" transform=\"rotate(90 %d %.0f)\""
                + " text-anchor=\"middle\" fill=\"#c0392b\">p99 intake to all destinations (ms)</text>%n",
                W - 16, TOP + plotH / 2, W - 16, TOP + plotH / 2));
        // where sustained would equal offered
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\""
                + " stroke-dasharray=\"4 4\"/>%n", LEFT, TOP + plotH, LEFT + plotW, TOP));
        StringBuilder rate = new StringBuilder();
        StringBuilder p99 = new StringBuilder();
        for (Point p : points) {
            double px = LEFT + plotW * p.offered() / maxX;
            double ry = TOP + plotH - plotH * Math.min(p.sustained(), maxRate) / maxRate;
            double ly = TOP + plotH - plotH * Math.min(p.p99Ms(), maxP99) / maxP99;
            rate.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, ry));
            p99.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, ly));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f5fbf\"/>%n", px, ry));
            svg.append(text(px, ry - 8, "middle", "normal", fmt(p.sustained())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#c0392b\"/>%n",
                    px - 3.5, ly - 3.5));
        }
        svg.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>%n", rate));
        svg.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>%n", p99));
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg);
    }

    private static double niceCeiling(double value) {
        double step = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        return Math.ceil(value / step) * step;
    }

    private static String fmt(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, int width) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%d\"/>%n", x1, y1, x2, y2, color, width);
    }

    private static String text(double x, double y, String anchor, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, anchor, weight, content.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
