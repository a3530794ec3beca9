package io.deepreader.client;

import io.deepreader.client.run.LambdaTarget;
import io.deepreader.client.run.RunReport;

/**
 * Exit codes scripts can act on, the same for every command and listed in each command's {@code --help}
 * ({@link #HELP_LIST}).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int DOCUMENTS_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    /** picocli's {@code exitCodeList} entries ("code:meaning"), shared by every command. */
    public static final String HEADING = "%nExit codes:%n";
    public static final String[] HELP_LIST = {
        " 0:all documents (or files) ok",
        " 1:some documents failed, were deferred or files were rejected (the rest completed; see the report)",
        " 2:invalid usage (unknown option, bad value, missing input)",
        " 3:unavailable: endpoint, bucket or file system could not be reached, or no document got an answer"};

    private ExitCodes() {
    }

    /** 3 when no document got an answer from the function, 1 when some did not end ok, else 0. */
    public static int of(RunReport report) {
        if (LambdaTarget.unavailable(report.results())) {
            return UNAVAILABLE;
        }
        return report.ok() == report.documents() ? OK : DOCUMENTS_FAILED;
    }
}
