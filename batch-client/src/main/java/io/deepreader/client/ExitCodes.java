package io.deepreader.client;

/** Exit codes scripts can act on (also listed in {@code --help}). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int DOCUMENTS_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
