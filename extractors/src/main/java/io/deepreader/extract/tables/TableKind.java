package io.deepreader.extract.tables;

/** How a table was found: from its ruling lines, or from the alignment of its words alone. */
public enum TableKind {
    RULED,
    UNRULED
}
