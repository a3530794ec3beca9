package io.deepreader.extract.fields;

import io.deepreader.extract.types.DataType;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * VENDOR_NAME and VENDOR_ADDRESS from the header of the first page: the name is the row with a
 * company suffix, else the row just above the address; the address is the run of rows below the
 * name (registration numbers skipped) up to the first phone, tax id, date or document title.
 */
final class VendorRules {
    /** Only the top of a receipt holds the vendor block. */
    private static final int HEADER_ROWS = 14;
    private static final Pattern COMPANY = Pattern.compile(
            "(?<![A-Z])(?:SDN\\.?\\s*BHD|S/B|BHD|BERHAD|ENTERPRISE|ENTERPRISES|TRADING|PLT|CO\\.?\\s*LTD|LIMITED|LTD|INC"
                    + "|CORPORATION|CORP|COMPANY|RESTAURANT|RESTORAN|HARDWARE|MART|SUPERMARKET|STATIONERY|BOOKSTORE|BAKERY"
                    + "|KEDAI|GIFT|ELECTRICAL|MARKETING|SERVICES|INDUSTRIES|HOLDINGS|MINI MARKET|FOOD|CAFE|KITCHEN)(?![A-Z])");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![A-Z])(?:JALAN|JLN|LOT|LORONG|LRG|TAMAN|TMN|BANDAR|BDR|PERSIARAN|KAMPUNG|KG|BLOK|BLOCK|BLK|LEVEL|FLOOR|TINGKAT"
                    + "|MALL|PLAZA|BATU|SEKSYEN|SECTION|STREET|ROAD|AVENUE|BUILDING|BANGUNAN|KOMPLEKS|COMPLEX|CENTRE|CENTER|PUSAT"
                    + "|KAWASAN|PERINDUSTRIAN|INDUSTRIAL|WISMA|MENARA|JOHOR|SELANGOR|KUALA LUMPUR|PULAU PINANG|PENANG|PERAK|PAHANG"
                    + "|KEDAH|KELANTAN|TERENGGANU|MELAKA|MALACCA|NEGERI SEMBILAN|SABAH|SARAWAK|PUTRAJAYA|LABUAN|PERLIS|MALAYSIA"
                    + "|WILAYAH|SHAH ALAM|PETALING JAYA|SUBANG|KLANG|PUCHONG|CHERAS|AMPANG|KAJANG|KEMBANGAN|SEMENYIH|RAWANG"
                    + "|SELAYANG|KEPONG|BANGI|CYBERJAYA|BAHRU|SKUDAI|BUKIT|SUNGAI|SG|USJ|NO)(?![A-Z])"
                    + "|(?<!\\d)\\d{5}(?!\\d)|^\\s*(?:NO\\.?\\s*)?\\d+[A-Z]?\\s*[,-]");
    private static final Pattern STOP = Pattern.compile(
            "(?<![A-Z])(?:TEL|FAX|PHONE|H/P|HP|MOBILE|GST|SST|TAX|INVOICE|RECEIPT|CASH\\s*BILL|BILL|EMAIL|E-MAIL|WEBSITE|WWW"
                    + "|DATE|CASHIER|TABLE|ORDER|DOC|SALES|MEMBER|WELCOME|THANK|OPEN|DAILY|SLIP|COUNTER|QTY|ITEM|DESCRIPTION)(?![A-Z])"
                    + "|@|HTTP");
    private static final Pattern REGISTRATION = Pattern.compile(
            "(?<![A-Z])(?:CO\\.?\\s*(?:REG|NO)|COMPANY\\s*(?:REG|NO)|ROC|REG\\.?\\s*NO|BRN|SSM)(?![A-Z])|^\\s*\\(?\\s*\\d{5,}[-\\s]*[A-Z]?\\s*\\)?\\s*$"
                    + "|^\\s*\\(?[A-Z0-9-]*\\d{4,}[A-Z0-9-]*\\)?\\s*$");
    private static final Pattern TITLE = Pattern.compile(
            "^\\s*(?:TAX\\s*INVOICE|INVOICE|RECEIPT|OFFICIAL\\s*RECEIPT|CASH\\s*(?:BILL|SALES?|RECEIPT)|SIMPLIFIED.*|ORIGINAL|COPY|WELCOME.*)\\s*$");

    List<ExpenseField> extract(List<TaggedRow> rows) {
        List<TaggedRow> header = rows.stream().filter(r -> r.page() == rows.get(0).page()).limit(HEADER_ROWS).toList();
        if (header.isEmpty()) {
            return List.of();
        }
        int name = nameRow(header);
        List<ExpenseField> out = new ArrayList<>();
        if (name < 0) {
            return out;
        }
        int nameEnd = name;
        TaggedRow nameRow = header.get(name);
        String nameText = nameRow.text().strip();
        Box nameBox = nameRow.row().box();
        double nameConfidence = nameRow.row().confidence();
        // "BOOK TA .K (TAMAN DAYA)" over "SDN BHD": a suffix alone on its row continues the name above.
        if (name > 0 && nameText.replaceAll("[^A-Za-z]", "").length() <= 8 && COMPANY.matcher(nameRow.upper()).find()
                && isNameLike(header.get(name - 1))) {
            TaggedRow above = header.get(name - 1);
            nameText = above.text().strip() + " " + nameText;
            nameBox = nameBox.union(above.row().box());
        }
        out.add(new ExpenseField(ExpenseFieldType.VENDOR_NAME, nameText, null, null, null, nameRow.page(), nameBox,
                nameConfidence * 0.8));

        List<TaggedRow> address = new ArrayList<>();
        for (int i = nameEnd + 1; i < header.size(); i++) {
            TaggedRow row = header.get(i);
            if (REGISTRATION.matcher(row.upper()).find() && !ADDRESS.matcher(row.upper()).find() || row.has(DataType.TAX_ID) && address.isEmpty()) {
                if (address.isEmpty()) {
                    continue;
                }
                break;
            }
            if (STOP.matcher(row.upper()).find() || row.has(DataType.PHONE) || row.has(DataType.DATE) || row.has(DataType.EMAIL)
                    || row.has(DataType.TAX_ID) || TITLE.matcher(row.upper()).find()) {
                break;
            }
            address.add(row);
            if (address.size() >= 6) {
                break;
            }
        }
        while (!address.isEmpty() && !ADDRESS.matcher(address.get(address.size() - 1).upper()).find()) {
            address.remove(address.size() - 1);
        }
        if (!address.isEmpty()) {
            String text = String.join(" ", address.stream().map(r -> r.text().strip()).toList());
            Box box = address.stream().map(r -> r.row().box()).reduce(Box::union).orElseThrow();
            double confidence = address.stream().mapToDouble(r -> r.row().confidence()).average().orElse(0);
            out.add(new ExpenseField(ExpenseFieldType.VENDOR_ADDRESS, text, null, null, null, address.get(0).page(), box,
                    confidence * 0.75));
        }
        return out;
    }

    private static int nameRow(List<TaggedRow> header) {
        for (int i = 0; i < header.size(); i++) {
            TaggedRow row = header.get(i);
            if (COMPANY.matcher(row.upper()).find() && isNameLike(row) && !ADDRESS.matcher(row.upper()).find()) {
                return i;
            }
        }
        for (int i = 1; i < header.size(); i++) {
            if (ADDRESS.matcher(header.get(i).upper()).find()) {
                for (int j = i - 1; j >= 0; j--) {
                    if (isNameLike(header.get(j))) {
                        return j;
                    }
                }
                break;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (isNameLike(header.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameLike(TaggedRow row) {
        String upper = row.upper();
        return row.freeLetters() >= 3 && !REGISTRATION.matcher(upper).find() && !TITLE.matcher(upper).find()
                && !STOP.matcher(upper).find() && !row.has(DataType.PHONE) && !row.has(DataType.DATE);
    }
}
