package io.deepreader.serve;

/**
 * A function reference as the Invoke API accepts it: {@code name}, {@code name:qualifier}, or the
 * (partial) ARN {@code arn:aws:lambda:region:account:function:name[:qualifier]}; the Qualifier query
 * parameter may also carry the qualifier.
 */
record FunctionName(String name, String qualifier) {

    static FunctionName parse(String reference, String qualifierParameter) {
        String rest = reference;
        int function = rest.indexOf("function:");
        if (rest.startsWith("arn:") || function >= 0) {
            rest = function >= 0 ? rest.substring(function + "function:".length()) : rest;
        }
        String qualifier = qualifierParameter;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            qualifier = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new FunctionName(rest, qualifier == null || qualifier.isEmpty() ? null : qualifier);
    }

    /** Only the unpublished version is served; there are no published versions or aliases locally. */
    boolean qualifierIsLatest() {
        return qualifier == null || qualifier.equals("$LATEST");
    }

    @Override
    public String toString() {
        return qualifier == null ? name : name + ":" + qualifier;
    }
}
