package io.emporium.bench;

/** One line of progress on the terminal, rewritten in place. */
final class Progress {

    private Progress() {
    }

    static void show(String step, long done, long total, String extra) {
        int width = 30;
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        System.out.printf("\r  %-12s [%s%s] %,d/%,d %s   ", step, "#".repeat(filled), ".".repeat(width - filled), done, total, extra);
        System.out.flush();
    }

    static void done(String step, String result) {
        System.out.printf("\r  %-12s %s%s%n", step, result, " ".repeat(40));
    }
}
