package org.handover.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The national day as a PNG (java.awt, headless): above, throughput per series over the run (items per second in
 * each bucket); below, latency p50/p95/p99 per measure as grouped bars on a logarithmic scale.
 */
final class DayChart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;
    private static final Color[] COLOURS = {new Color(0, 94, 184), new Color(218, 41, 28), new Color(0, 150, 57),
            new Color(237, 139, 0), new Color(112, 48, 160), new Color(0, 164, 153), new Color(125, 85, 199),
            new Color(65, 182, 230), new Color(66, 84, 98), new Color(174, 37, 115)};

    private DayChart() {
    }

    /**
     * @param throughput    series name to items per second in each bucket of {@code bucketSeconds}
     * @param latencyMillis measure name to {p50, p95, p99} in milliseconds
     */
    static void write(Path png, String title, Map<String, double[]> throughput, int bucketSeconds,
            Map<String, long[]> latencyMillis) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 20, 25);
            throughputPanel(g, new Box(80, 60, WIDTH - 330, 360), throughput, bucketSeconds);
            latencyPanel(g, new Box(80, 500, WIDTH - 330, 330), latencyMillis);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private record Box(int x, int y, int w, int h) {
    }

    private static void throughputPanel(Graphics2D g, Box box, Map<String, double[]> series, int bucketSeconds) {
        double max = 1;
        int buckets = 1;
        for (double[] values : series.values()) {
            buckets = Math.max(buckets, values.length);
            for (double v : values) {
                max = Math.max(max, v);
            }
        }
        axes(g, box, "throughput per second (" + bucketSeconds + " s buckets) over the run",
                String.format("%.0f/s", max), "0 s", (buckets * bucketSeconds) + " s");
        int colour = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            g.setColor(COLOURS[colour % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < values.length; i++) {
                g.drawLine(xAt(box, i - 1, buckets), yAt(box, values[i - 1], max), xAt(box, i, buckets),
                        yAt(box, values[i], max));
            }
            legend(g, box, colour, entry.getKey());
            colour++;
        }
    }

    private static void latencyPanel(Graphics2D g, Box box, Map<String, long[]> latency) {
        long max = 10;
        for (long[] p : latency.values()) {
            for (long v : p) {
                max = Math.max(max, v);
            }
        }
        double top = Math.log10(max) + 0.2;
        axes(g, box, "latency p50 / p95 / p99 (ms, log scale)", String.format("%.0f ms", Math.pow(10, top)), "", "");
        List<String> names = List.copyOf(latency.keySet());
        if (names.isEmpty()) {
            return;
        }
        int slot = box.w() / names.size();
        int bar = Math.max(2, Math.min(24, (slot - 10) / 3));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int n = 0; n < names.size(); n++) {
            long[] p = latency.get(names.get(n));
            for (int k = 0; k < p.length; k++) {
                double value = Math.max(1, p[k]);
                int h = (int) (box.h() * Math.log10(value) / top);
                g.setColor(COLOURS[k % COLOURS.length]);
                g.fillRect(box.x() + n * slot + 5 + k * bar, box.y() + box.h() - h, bar - 1, h);
            }
            g.setColor(Color.BLACK);
            String label = names.get(n);
            g.drawString(label.length() > 26 ? label.substring(0, 26) : label, box.x() + n * slot + 2,
                    box.y() + box.h() + 14 + (n % 2) * 12);
        }
        List<String> keys = List.of("p50", "p95", "p99");
        for (int k = 0; k < keys.size(); k++) {
            legend(g, box, k, keys.get(k));
        }
    }

    private static void axes(Graphics2D g, Box box, String title, String top, String left, String right) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, box.x(), box.y() - 8);
        g.drawLine(box.x(), box.y(), box.x(), box.y() + box.h());
        g.drawLine(box.x(), box.y() + box.h(), box.x() + box.w(), box.y() + box.h());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(top, box.x() - 75, box.y() + 10);
        g.drawString(left, box.x(), box.y() + box.h() + 28);
        g.drawString(right, box.x() + box.w() - 40, box.y() + box.h() + 28);
    }

    private static void legend(Graphics2D g, Box box, int index, String name) {
        int x = box.x() + box.w() + 20;
        int y = box.y() + 10 + index * 18;
        g.setColor(COLOURS[index % COLOURS.length]);
        g.fillRect(x, y - 9, 12, 10);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(name, x + 18, y);
    }

    private static int xAt(Box box, int bucket, int buckets) {
        return box.x() + (int) ((long) box.w() * bucket / Math.max(1, buckets - 1));
    }

    private static int yAt(Box box, double value, double max) {
        return box.y() + box.h() - (int) (box.h() * value / max);
    }
}
