package io.deepreader.ocr.efs;

import java.util.regex.Pattern;

/**
 * Validates the ids that become path segments (batch ids, document ids, model versions). Only a
 * conservative character set is accepted, so no id can name a parent, an absolute path or a hidden file.
 */
public final class Ids {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Ids() {
    }

    public static String require(String kind, String id) {
        if (id == null || !SAFE.matcher(id).matches() || id.contains("..")) {
            throw new InvalidIdException(kind, id);
        }
        return id;
    }

    public static boolean isValid(String id) {
        return id != null && SAFE.matcher(id).matches() && !id.contains("..");
    }
}
