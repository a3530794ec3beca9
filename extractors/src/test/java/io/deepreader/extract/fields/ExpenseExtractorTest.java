package io.deepreader.extract.fields;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.extract.testing.Pages;
import io.deepreader.extract.types.TypeTagger;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExpenseExtractorTest {
    private final ExpenseExtractor extractor = new ExpenseExtractor(new TypeTagger());

    private static final PageResult RECEIPT = Pages.receipt(
            "TAN WOON YANN",
            "BOOK TA .K (TAMAN DAYA) SDN BHD",
            "789417-W",
            "NO.53 55,57 & 59, JALAN SAGU 18,",
            "TAMAN DAYA,",
            "81100 JOHOR BAHRU,",
            "JOHOR.",
            "TEL: 07-3507405",
            "GST REG NO : 0000 6771 0976",
            "TAX INVOICE",
            "INVOICE NO : TD01167104",
            "DATE: 25/12/2018 8:13:39 PM",
            "DESCRIPTION QTY PRICE AMOUNT",
            "KF MODELLING CLAY KIDDY FISH",
            "1 PC * 9.00|9.00",
            "PLASTIC BAG 2 X 0.20|0.40",
            "SUB TOTAL|9.40",
            "GST 6%|0.53",
            "TOTAL INCL GST|9.93",
            "ROUNDING ADJ|-0.03",
            "RM|9.90",
            "CASH|RM 10.00",
            "CHANGE|RM 0.10",
            "GST SUMMARY AMOUNT TAX",
            "SR @ 6% 9.40|0.53",
            "TOTAL 9.40|0.53",
            "THANK YOU");

    @Test
    void summaryFieldsOfAReceipt() {
        ExpenseDocument doc = extractor.extract(List.of(RECEIPT));
        Map<ExpenseFieldType, String> values = doc.summaryFields().stream()
                .collect(Collectors.toMap(ExpenseField::type, ExpenseField::value));
        assertThat(values).containsEntry(ExpenseFieldType.VENDOR_NAME, "BOOK TA .K (TAMAN DAYA) SDN BHD")
                .containsEntry(ExpenseFieldType.VENDOR_ADDRESS, "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.")
                .containsEntry(ExpenseFieldType.INVOICE_RECEIPT_ID, "TD01167104")
                .containsEntry(ExpenseFieldType.INVOICE_RECEIPT_DATE, "25/12/2018")
                .containsEntry(ExpenseFieldType.SUBTOTAL, "9.40")
                .containsEntry(ExpenseFieldType.TAX, "0.53")
                // Rounded, and confirmed by cash minus change: not the pre-rounding 9.93 nor the GST summary's TOTAL.
                .containsEntry(ExpenseFieldType.TOTAL, "9.90");
        assertThat(doc.currency()).isEqualTo("MYR");
        ExpenseField total = doc.field(ExpenseFieldType.TOTAL).orElseThrow();
        assertThat(total.normalized()).isEqualTo("9.90");
        assertThat(total.currency()).isEqualTo("MYR");
        assertThat(total.confidence()).isBetween(1.0, 100.0);
        // The box covers the printed value (with its "RM") on the rounded row (row 20, y = 20 + 20 * 30).
        assertThat(total.box().y()).isBetween(615, 625);
        assertThat(total.box().right()).isGreaterThan(560);
        assertThat(doc.field(ExpenseFieldType.INVOICE_RECEIPT_DATE).orElseThrow().normalized()).isEqualTo("2018-12-25");
    }

    @Test
    void lineItemsBetweenHeaderAndTotals() {
        List<LineItem> items = extractor.extract(List.of(RECEIPT)).lineItems();
        assertThat(items).hasSize(2);
        assertThat(fields(items.get(0))).containsEntry(ExpenseFieldType.ITEM, "KF MODELLING CLAY KIDDY FISH")
                .containsEntry(ExpenseFieldType.PRICE, "9.00");
        assertThat(fields(items.get(1))).containsEntry(ExpenseFieldType.ITEM, "PLASTIC BAG")
                .containsEntry(ExpenseFieldType.QUANTITY, "2")
                .containsEntry(ExpenseFieldType.UNIT_PRICE, "0.20")
                .containsEntry(ExpenseFieldType.PRICE, "0.40");
    }

    @Test
    void valueUnderItsLabelAndGluedCurrencyKept() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "UNIHAKKA INTERNATIONAL SDN BHD",
                "05 MAR 2018 18:24",
                "(867388-U)",
                "12, JALAN TAMPOI 7/4,KAWASAN PERINDUSTRIAN",
                "TAMPOI,81200 JOHOR BAHRU,JOHOR",
                "TAX INVOICE",
                "ITEM QTY TOTAL",
                "VEGE",
                "$5.50 1|$5.50",
                "NETT TOTAL:",
                "$5.50",
                "THANK YOU")));
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_NAME)).isEqualTo("UNIHAKKA INTERNATIONAL SDN BHD");
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_ADDRESS))
                .isEqualTo("12, JALAN TAMPOI 7/4,KAWASAN PERINDUSTRIAN TAMPOI,81200 JOHOR BAHRU,JOHOR");
        assertThat(doc.valueOf(ExpenseFieldType.INVOICE_RECEIPT_DATE)).isEqualTo("05 MAR 2018");
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("$5.50");
        assertThat(doc.currency()).isEqualTo("USD");
    }

    @Test
    void anAddressIsNeverTakenForTheVendorName() {
        // The name row was lost (e.g. not detected): better no name than the street.
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "NO 12, JALAN MEWAH 3,", "TAMAN SRI MUDA, 40400 SHAH ALAM", "TEL: 03-5121 3881", "DATE: 25/12/2018")));
        assertThat(doc.field(ExpenseFieldType.VENDOR_NAME)).isEmpty();
        assertThat(doc.valueOf(ExpenseFieldType.INVOICE_RECEIPT_DATE)).isEqualTo("25/12/2018");
    }

    /** A receipt as CTPN + Tesseract read it: misread labels, suffix and digits, as on SROIE's training receipts. */
    @Test
    void fieldsOfAReceiptReadWithOcrSlips() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "AMANO MALAYSIA SON BHD (682288-V )",
                "(GST Ree No. 001492992000)",
                "No 8, Jalan 7/118B, Desa Tun Razak",
                "56000 Kuala Lumpur, Malaysia",
                "Tel : 03-55235214",
                "DATE: 10 Apr 2078",
                "Tota! Itern Discount:|0.06",
                "Total Sales (Inclusive GST)|RM 52.08",
                "Rounding Adjustment|RH 0O2",
                "Rounding|RK §2.10",
                "CASH|RM 60.00",
                "CHONGE|RM 7.90")));
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_NAME)).isEqualTo("AMANO MALAYSIA SDN BHD");
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_ADDRESS)).isEqualTo("No 8, Jalan 7/118B, Desa Tun Razak 56000 Kuala Lumpur, Malaysia");
        assertThat(doc.valueOf(ExpenseFieldType.INVOICE_RECEIPT_DATE)).isEqualTo("10 Apr 2018");
        // The rounded total on the ROUNDING row (its '5' read as '§'), not the item discount or the unrounded 52.08.
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("52.10");
    }

    @Test
    void cashMinusChangeRepairsOneMisreadDigitOfTheTotal() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG",
                "Total Incl. GST@6%|RM 119.76", "CASH|RM 120.00", "CHANGE|RM 0.30")));
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("119.70");
        assertThat(doc.field(ExpenseFieldType.TOTAL).orElseThrow().normalized()).isEqualTo("119.70");
    }

    @Test
    void roundingToFiveSenIsNotAMisread() {
        // 12.37 paid as 12.35 is Malaysia's 5-sen rounding: the printed total stands.
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG",
                "TOTAL|RM 12.37", "CASH|RM 20.00", "CHANGE|RM 7.65")));
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("12.37");
    }

    @Test
    void aTotalReadWithoutItsDecimalPointNeedsThePaymentToAgree() {
        ExpenseDocument confirmed = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "Total! of GST|600", "Payment|6.00", "Change Due|0.00")));
        assertThat(confirmed.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("6.00");
        ExpenseDocument unconfirmed = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "ITEM A|4.50", "Total! of GST|600", "Payment|10.00", "Change|3.00")));
        assertThat(unconfirmed.valueOf(ExpenseFieldType.TOTAL)).isNotEqualTo("6.00");
    }

    @Test
    void totalInclusiveOfGstAtARateIsATotal() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "ITEM A|53.30",
                "Total Incl. GST@6%|RM 53.30", "EDC|RM 53.30", "GST @6% included in total|RM 3.02")));
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("53.30");
        assertThat(doc.field(ExpenseFieldType.TOTAL).orElseThrow().label()).isEqualTo("Total");
    }

    @Test
    void paidIsTheTotalOnlyWithoutAnyTotalLabel() {
        ExpenseDocument ticket = extractor.extract(List.of(Pages.receipt(
                "FIRST CITY PARKING SDN BHD", "12, JALAN BESAR, 43000 KAJANG", "Entry 10:02 Exit 12:40", "Paid|RM7.00")));
        assertThat(ticket.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("RM7.00");
        // A TOTAL row whose amount was lost: the tendered cash (here misread) is not the total.
        ExpenseDocument lost = extractor.extract(List.of(Pages.receipt(
                "PETRON KEPONG", "12, JALAN BESAR, 43000 KAJANG", "PPF P1 1.000 6|6.00", "TOTAL AMOUNT", "CASH RM|66.00")));
        assertThat(lost.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("6.00");
    }

    @Test
    void withoutATotalAmountTheSubtotalOrWhatFollowsItIsTheTotal() {
        // The TOTAL row's amount was lost; an item above was misread (130.00 as 730.00) and is no total.
        ExpenseDocument lost = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "ACRYLIC YARN 10.00 PCS|730.00", "Subtotal :|130.00",
                "Total Amt Rounded", "GST Summary Amount Tax", "SR @ 6%|322.84")));
        assertThat(lost.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("130.00");
        // Only "SUB TOTAL (INCL. GST)" printed and the change label misread: not the cash tendered.
        ExpenseDocument inclusive = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "SUB TOTAL (INCL. GST)|35.40", "CASH|50.00", "CHAN|14.60")));
        assertThat(inclusive.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("35.40");
        // A truncated TOTAL label ("TO :"): tax added after the subtotal.
        ExpenseDocument truncated = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "SUB TOTAL :|RM 68.87", "GST/TAX 6% :|RM 4.13",
                "TO :|RM 73.00", "CASH|RM 100.00", "CHANGE|RM 27.00")));
        assertThat(truncated.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("73.00");
    }

    @Test
    void thePaymentDecidesBetweenTwoLabelledTotals() {
        // Cash minus change 250.08 (300.08 read for 300.00) is one confusable digit from 250.00, two from 256.00.
        ExpenseDocument oneDigit = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "Total Sales Incl. GST @ 6%|RM 250.00",
                "Total Sales|RM 256.00", "Cash|RM 300.08", "Change|RM 50.00")));
        assertThat(oneDigit.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("250.00");
        // No change printed: the amount tendered is the total ("NET TOTAL 273.90" misread).
        ExpenseDocument exact = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "Bill Total :|275,90", "Rounding Adj. :|0.00",
                "NET TOTAL :|273.90", "CASH|275.90")));
        assertThat(exact.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("275.90");
        // A leading mark on the cash ("-51. 00") does not make it negative; a bare "Pay" row is a payment.
        ExpenseDocument marked = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "Total RM Incl. of GST|49.99", "Total RM|41.00",
                "Cash|-51. 00", "CHANGE|10.00")));
        assertThat(marked.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("41.00");
        ExpenseDocument pay = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "ITEM A|19.20", "Rounding Adj|0.00", "flue|19.20",
                "Pay|20,00", "Change|0.80")));
        assertThat(pay.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("19.20");
    }

    @Test
    void aTotalThatAddsTheTaxAndRoundingPrintedAboveItIsTheFinalOne() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "KEDAI RUNCIT MAJU", "12, JALAN BESAR, 43000 KAJANG", "1 ROASTED DUCK|33.00", "Total Sales Amount|33.00",
                "GST 6%|1.98", "Rounding Adjustment|0.02", "TOTAL|35.00", "CASH|99.00", "Change Returned|20.00")));
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("35.00");
    }

    @Test
    void aCompanyNumberReadWithNoiseDoesNotEndTheAddressBeforeItStarts() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "B & BEST RESTAURANT", "e@ (00161023\" P)", "NO.12, JALAN SS4C/5,PETALING JAYA", "SELANGOR DARUL EHSAN",
                "TEL : 012-2060 778", "TAX INVOICE")));
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_NAME)).isEqualTo("B & BEST RESTAURANT");
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_ADDRESS)).isEqualTo("NO.12, JALAN SS4C/5,PETALING JAYA SELANGOR DARUL EHSAN");
    }

    @Test
    void theTillHeaderPrintedAboveTheNameIsNotTheAddress() {
        // "(11237)" on the dated till row looks like a postcode; the name is above the real address.
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt(
                "Machine [003]", "Cashier [P.NISANTHI]", "19/06/17 (11237)", "FIVE STAR CASH & CARRY", "(1345663-P)",
                "G.23 & G.22, PLAZA SERI SETIA,", "NO.1 JALAN SS 9/1, 47300 PJ, SELANGOR.", "Tel/Fax : 03-7877 9712")));
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_NAME)).isEqualTo("FIVE STAR CASH & CARRY");
    }

    @Test
    void aLineTheDetectorBoxedTwiceIsReadOnce() {
        PageResult page = Pages.page("b1", "d1", 1, 640, 400, List.of(
                Pages.line("ANZEL ADVERTISING SDN BHD", 20, 20),
                Pages.line("ANZEL ADVERTISING SDN BHD", 22, 21),
                Pages.line("ADVERTISING", 100, 20),
                Pages.line("NO 21, JALAN PINANG, 50450 KUALA LUMPUR", 20, 50)));
        ExpenseDocument doc = extractor.extract(List.of(page));
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_NAME)).isEqualTo("ANZEL ADVERTISING SDN BHD");
        assertThat(doc.valueOf(ExpenseFieldType.VENDOR_ADDRESS)).isEqualTo("NO 21, JALAN PINANG, 50450 KUALA LUMPUR");
    }

    @Test
    void ofTwoReadingsOfOneWordTheMoreConfidentStays() {
        // The value was read well on a short line and badly ("( 742)") on a longer line over the same ink.
        Line garbled = Pages.line("Total a ae ( 742)", 20, 20);
        List<Word> words = new java.util.ArrayList<>(garbled.words());
        words.replaceAll(w -> w.text().equals("742)") ? new Word(w.text(), w.box(), 40) : w);
        Line value = Pages.line("7.42", 150, 21);
        value = new Line(value.text(), value.box(), 95, 1, value.words().stream().map(w -> new Word(w.text(), w.box(), 95)).toList());
        PageResult page = Pages.page("b1", "d1", 1, 640, 400, List.of(
                Pages.line("KEDAI RUNCIT MAJU", 20, 0), new Line(garbled.text(), garbled.box(), 80, 1, words), value));
        ExpenseDocument doc = extractor.extract(List.of(page));
        assertThat(doc.valueOf(ExpenseFieldType.TOTAL)).isEqualTo("7.42");
    }

    @Test
    void emptyPageGivesNoFields() {
        ExpenseDocument doc = extractor.extract(List.of(Pages.receipt()));
        assertThat(doc.summaryFields()).isEmpty();
        assertThat(doc.lineItems()).isEmpty();
    }

    private static Map<ExpenseFieldType, String> fields(LineItem item) {
        return item.fields().stream().collect(Collectors.toMap(ExpenseField::type, ExpenseField::value));
    }
}
