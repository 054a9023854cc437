package org.hotline.ivr.speech;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream, redrawn at most five times a second. */
final class DownloadProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    DownloadProgress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        draw(done);
    }

    void finish(long done) {
        draw(done);
        out.println();
    }

    private void draw(long done) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", done / 1e6 / seconds);
        if (total > 0) {
            int filled = (int) (WIDTH * done / total);
            out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %.1f/%.1f MB %s", label, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), 100 * done / total, done / 1e6, total / 1e6, rate);
        } else {
            out.printf(Locale.ROOT, "\r%s %.1f MB %s", label, done / 1e6, rate);
        }
        out.flush();
    }
}
