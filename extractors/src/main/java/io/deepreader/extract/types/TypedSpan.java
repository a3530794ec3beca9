package io.deepreader.extract.types;

/**
 * A typed value found in a text: {@code text} as printed, {@code normalized} in a canonical form
 * (ISO date, 24 h time, plain decimal, digits only, ...), {@code currency} an ISO 4217 code for
 * amounts printed with a currency mark, else null.
 */
public record TypedSpan(DataType type, int start, int end, String text, String normalized, String currency) {

    public int length() {
        return end - start;
    }

    public boolean overlaps(TypedSpan other) {
        return start < other.end && other.start < end;
    }
}
