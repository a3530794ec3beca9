package io.deepreader.ocr.document;

/** The formats we accept, recognised by their magic bytes (never by the file name). */
public enum DocumentFormat {
    PNG, JPEG, TIFF, PDF;

    public static DocumentFormat sniff(byte[] head) throws UnsupportedDocumentException {
        if (head.length == 0) {
            throw new UnsupportedDocumentException("empty document (0 bytes)");
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        // PDF allows up to 1 KB of junk before the header.
        for (int i = 0; i + 5 <= Math.min(head.length, 1024); i++) {
            if (head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D' && head[i + 3] == 'F' && head[i + 4] == '-') {
                return PDF;
            }
        }
        throw new UnsupportedDocumentException("not a PNG, JPEG, TIFF or PDF document (first bytes: " + hex(head) + ")");
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x", head[i] & 0xff));
        }
        return sb.toString();
    }
}
