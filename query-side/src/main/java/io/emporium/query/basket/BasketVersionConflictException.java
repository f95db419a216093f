package io.emporium.query.basket;

/** The basket changed since the version the client showed (another tab, another device): 412, nothing changed. */
public class BasketVersionConflictException extends RuntimeException {

    private final long currentVersion;

    public BasketVersionConflictException(long expected, long currentVersion) {
        super("The basket changed since version " + expected + " (it is at version " + currentVersion
                + "): read it again and repeat the change if it still makes sense.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
