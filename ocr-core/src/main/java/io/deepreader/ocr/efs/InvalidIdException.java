package io.deepreader.ocr.efs;

/** An id or relative path that would not stay inside its root. */
public class InvalidIdException extends IllegalArgumentException {
    public InvalidIdException(String kind, String id) {
        super("invalid " + kind + ": '" + printable(id) + "' (allowed: letters, digits, '.', '_', '-'; 1-128 chars; no '..')");
    }

    public InvalidIdException(String message) {
        super(message);
    }

    private static String printable(String id) {
        if (id == null) {
            return "null";
        }
        String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
