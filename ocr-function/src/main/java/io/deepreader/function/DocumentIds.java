package io.deepreader.function;

/** The document id an S3 upload gets, whichever way its notification arrives (S3 event, SQS message). */
public final class DocumentIds {
    private DocumentIds() {
    }

    /** Stable on retry: the key's file name made safe plus a hash of bucket/key (see {@link RequestParser}). */
    public static String forS3(String bucket, String key) {
        return RequestParser.documentIdFor(bucket, key);
    }
}
