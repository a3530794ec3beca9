package io.deepreader.extract.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeTaggerTest {
    private final TypeTagger tagger = new TypeTagger();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "25/12/2018; 2018-12-25",
        "29-12-2017; 2017-12-29",
        "2018-03-23; 2018-03-23",
        "06.03.18; 2018-03-06",
        "12-01-19; 2019-01-12",
        "05 MAR 2018; 2018-03-05",
        "21 MARCH, 2018; 2018-03-21",
        "23-Mar-18; 2018-03-23",
        "Mar 23, 2018; 2018-03-23",
        "12/31/2018; 2018-12-31",
        "2018/04/06; 2018-04-06",
    })
    void datesInManyFormats(String text, String iso) {
        List<TypedSpan> spans = tagger.tag("DATE: " + text + " 8:13:39 PM");
        assertThat(spans).filteredOn(s -> s.type() == DataType.DATE).singleElement()
                .satisfies(s -> {
                    assertThat(s.text()).isEqualTo(text);
                    assertThat(s.normalized()).isEqualTo(iso);
                });
        assertThat(spans).filteredOn(s -> s.type() == DataType.TIME).singleElement()
                .satisfies(s -> assertThat(s.normalized()).isEqualTo("20:13:39"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // OCR put a space beside the decimal point, or lost the point after a currency mark.
        "Total Rounded 22 .00; 22 .00; 22.00",
        "CHANGE 10. 00; 10. 00; 10.00",
        "Ket Total RM28 05; RM28 05; 28.05",
        "SUBTOTAL RM53. 60; RM53. 60; 53.60",
    })
    void amountsWithTheDecimalPointMisread(String text, String printed, String value) {
        assertThat(tagger.tag(text)).filteredOn(s -> s.type() == DataType.AMOUNT).singleElement()
                .satisfies(s -> {
                    assertThat(s.text()).isEqualTo(printed);
                    assertThat(s.normalized()).isEqualTo(value);
                });
    }

    @Test
    void numbersSplitBySpacesAreNotAmountsWithoutACurrency() {
        assertThat(tagger.tag("QTY 28 05")).noneMatch(s -> s.type() == DataType.AMOUNT);
    }

    @Test
    void yearReadAs207xIsRepaired() {
        assertThat(tagger.tag("10 Apr 2078 14:02")).filteredOn(s -> s.type() == DataType.DATE).singleElement()
                .satisfies(s -> {
                    assertThat(s.text()).isEqualTo("10 Apr 2018");
                    assertThat(s.normalized()).isEqualTo("2018-04-10");
                });
        // A two-digit year of 70-79 is left as it is.
        assertThat(tagger.tag("01/02/75")).filteredOn(s -> s.type() == DataType.DATE).singleElement()
                .satisfies(s -> assertThat(s.text()).isEqualTo("01/02/75"));
    }

    @Test
    void impossibleDatesAreNotDates() {
        assertThat(tagger.tag("32/13/2018")).noneMatch(s -> s.type() == DataType.DATE);
        assertThat(tagger.tag("INV 1234-5678-90")).noneMatch(s -> s.type() == DataType.DATE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "RM 14.10; 14.10; MYR",
        "RM4.00; 4.00; MYR",
        "$8.20; 8.20; USD",
        "S$ 12.50; 12.50; SGD",
        "€1,234.50; 1234.50; EUR",
        "£ 3.99; 3.99; GBP",
        "60.31; 60.31; ",
        "-0.01; -0.01; ",
        "(5.59); -5.59; ",
        "7,838.80; 7838.80; ",
        "RM .01; 0.01; MYR",
    })
    void amountsWithAndWithoutCurrency(String text, String value, String currency) {
        assertThat(tagger.tag("TOTAL " + text)).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(DataType.AMOUNT);
            assertThat(s.normalized()).isEqualTo(value);
            assertThat(s.currency()).isEqualTo(currency);
        });
    }

    @Test
    void percentagesNumbersEmails() {
        assertThat(tagger.tag("GST 6% 33.57")).extracting(TypedSpan::type).containsExactly(DataType.PERCENTAGE, DataType.AMOUNT);
        assertThat(tagger.tag("SR @ 10.5 %")).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(DataType.PERCENTAGE);
            assertThat(s.normalized()).isEqualTo("10.5");
        });
        assertThat(tagger.tag("QTY 2")).singleElement().extracting(TypedSpan::type).isEqualTo(DataType.NUMBER);
        assertThat(tagger.tag("EMAIL: Sales@Example.com.my")).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(DataType.EMAIL);
            assertThat(s.normalized()).isEqualTo("sales@example.com.my");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "TEL: 07-3507405; 073507405",
        "TEL/FAX : 03-51213881; 0351213881",
        "TEL : 03-7731 8169; 0377318169",
        "07-355 2616; 073552616",
        "H/P: 012-345 6789; 0123456789",
        "+60 3-7731 8169; +60377318169",
    })
    void phones(String text, String digits) {
        assertThat(tagger.tag(text)).filteredOn(s -> s.type() == DataType.PHONE).singleElement()
                .extracting(TypedSpan::normalized).isEqualTo(digits);
    }

    @Test
    void barCodesAreNotPhones() {
        assertThat(tagger.tag("9557368063013")).noneMatch(s -> s.type() == DataType.PHONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "GST REG NO : 0000 6771 0976; 000067710976",
        "GST NO: 001006288896; 001006288896",
        "GST ID : 002046390272; 002046390272",
        "(GST ID NO . : 001439154176); 001439154176",
        "COMPANY NO : 1174703-K; 1174703-K",
        "(742016-W); 742016-W",
        "JM0325955-V; JM0325955-V",
        "SST REG NO: W10-1808-31000123; W10-1808-31000123",
    })
    void taxIds(String text, String normalized) {
        assertThat(tagger.tag(text)).filteredOn(s -> s.type() == DataType.TAX_ID).singleElement()
                .extracting(TypedSpan::normalized).isEqualTo(normalized);
    }

    @Test
    void gstRatesAndAmountsAreNotTaxIds() {
        assertThat(tagger.tag("GST 6% 100.00")).noneMatch(s -> s.type() == DataType.TAX_ID);
        assertThat(tagger.tag("TOTAL GST : 3.08")).noneMatch(s -> s.type() == DataType.TAX_ID);
    }

    @Test
    void wholeStringTypes() {
        assertThat(tagger.typeOf("25/12/2018")).isEqualTo(DataType.DATE);
        assertThat(tagger.typeOf("RM 9.00")).isEqualTo(DataType.AMOUNT);
        assertThat(tagger.typeOf("THANK YOU")).isEqualTo(DataType.TEXT);
        assertThat(tagger.typeOf("CASH 9.00 THANK YOU PLEASE COME")).isEqualTo(DataType.TEXT);
    }
}
