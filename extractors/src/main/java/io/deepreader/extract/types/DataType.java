package io.deepreader.extract.types;

/** What kind of value a word or line holds; in descending priority when patterns overlap. */
public enum DataType {
    EMAIL,
    DATE,
    TIME,
    TAX_ID,
    PHONE,
    PERCENTAGE,
    AMOUNT,
    NUMBER,
    TEXT
}
