package io.deepreader.serve;

/** The {@code X-Amz-Invocation-Type} header values of the Invoke API. */
enum InvocationType {
    REQUEST_RESPONSE, EVENT, DRY_RUN;

    static InvocationType parse(String header) {
        if (header == null || header.isBlank() || header.equals("RequestResponse")) {
            return REQUEST_RESPONSE;
        }
        return switch (header) {
            case "Event" -> EVENT;
            case "DryRun" -> DRY_RUN;
            default -> throw new IllegalArgumentException("unknown invocation type: " + header);
        };
    }

    /** Lambda's limits on the request payload: 6 MB synchronous, 256 KB asynchronous. */
    int maxRequestBytes() {
        return this == EVENT ? 256 * 1024 : 6 * 1024 * 1024;
    }
}
