package io.deepreader.extract.fields;

import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypedSpan;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VENDOR_NAME and VENDOR_ADDRESS from the header of the first page. The name is the row with a
 * legal-entity suffix (SDN BHD, S/B, ENTERPRISE, ...) above the first phone/tax/date/title row,
 * else the row just above the address, joined with the rows it visibly continues; the address is
 * the run of rows below the name (registration numbers and dates skipped) up to the first phone,
 * tax id, date, e-mail or document title.
 */
final class VendorRules {
    /** Only the top of a receipt holds the vendor block. */
    private static final int HEADER_ROWS = 14;
    /** Tesseract reads logos and noise at the top of a receipt as short low-confidence "words" ("Foal" at 23). */
    private static final double MIN_NAME_CONFIDENCE = 50;
    /** Suffixes that name a company outright ("SDN BND" is a common OCR slip). */
    private static final Pattern ENTITY = Pattern.compile(
            "(?<![A-Z])(?:SDN\\.?\\s*[B8][A-Z]{1,2}D?\\.?|S/B|BHD|BERHAD|ENTERPRISES?|TRADING|PLT|CO\\.?\\s*LTD|LIMITED|LTD"
                    + "|INC|CORPORATION|CORP)(?![A-Z])");
    /** Words shops put in their names, weaker evidence: also used by the address words. */
    private static final Pattern SHOP = Pattern.compile(
            "(?<![A-Z])(?:RESTAURANT|RESTORAN|HARDWARE|MART|SUPERMARKET|STATIONERY|BOOKSTORE|BAKERY|KEDAI|GIFT|ELECTRICAL"
                    + "|MARKETING|SERVICES?|INDUSTRIES|HOLDINGS|FOOD|CAFE|KITCHEN|PHARMACY|FARMASI|STORE|SHOP|PERNIAGAAN|SYARIKAT)(?![A-Z])");
    /** A row that starts like the tail of a name printed over two rows. */
    private static final Pattern CONTINUATION = Pattern.compile(
            "^\\s*(?:CO\\.?|COMPANY|ENTERPRISES?|SDN|BHD|S/B|\\(M\\)|\\(MALAYSIA\\)|TRADING|HARDWARE|RESTAURANT|ELECTRICAL|SERVICES?"
                    + "|MARKETING|HOLDINGS|&)(?![A-Z])");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![A-Z])(?:JALAN|JLN|LOT|LORONG|LRG|TAMAN|TMN|BANDAR|BDR|PERSIARAN|KAMPUNG|KG|BLOK|BLOCK|BLK|LEVEL|FLOOR|FLR|TINGKAT"
                    + "|MALL|PLAZA|BATU|SEKSYEN|SECTION|STREET|ROAD|AVENUE|BUILDING|BANGUNAN|KOMPLEKS|COMPLEX|CENTRE|CENTER|PUSAT"
                    + "|KAWASAN|PERINDUSTRIAN|INDUSTRIAL|WISMA|MENARA|JOHOR|SELANGOR|KUALA LUMPUR|PULAU PINANG|PENANG|PERAK|PAHANG"
                    + "|KEDAH|KELANTAN|TERENGGANU|MELAKA|MALACCA|NEGERI SEMBILAN|SABAH|SARAWAK|PUTRAJAYA|LABUAN|PERLIS|MALAYSIA"
                    + "|WILAYAH|SHAH ALAM|PETALING JAYA|SUBANG|KLANG|PUCHONG|CHERAS|AMPANG|KAJANG|KEMBANGAN|SEMENYIH|RAWANG"
                    + "|SELAYANG|KEPONG|BANGI|CYBERJAYA|BAHRU|SKUDAI|BUKIT|SUNGAI|SG|USJ|NO|DARUL|EHSAN|TAKZIM)(?![A-Z])"
                    + "|(?<!\\d)\\d{5}(?!\\d)|^\\s*(?:NO\\.?\\s*)?\\d+[A-Z]?\\s*[,-]");
    /** Rows that are certainly address: a street number first, a street word, or a postcode. */
    private static final Pattern STREET_START = Pattern.compile(
            "^\\s*(?:NO\\.?\\s*:?\\s*)?\\d+[A-Z]?\\s*[,-]|(?<![A-Z])(?:JALAN|JLN|LOT)(?![A-Z])|(?<!\\d)\\d{5}(?!\\d)");
    private static final Pattern STOP = Pattern.compile(
            "(?<![A-Z])(?:TEL|FAX|PHONE|H/P|HP|MOBILE|GST|SST|TAX|INVOICE|RECEIPT|CASH\\s*BILL|BILL|EMAIL|E-MAIL|WEBSITE|WWW"
                    + "|DATE|CASHIER|TABLE|ORDER|DOC|DOCUMENT|SALES|MEMBER|WELCOME|THANK|OPEN|DAILY|SLIP|COUNTER|QTY|ITEM|DESCRIPTION)(?![A-Z])"
                    + "|@|HTTP");
    private static final Pattern REGISTRATION = Pattern.compile(
            "(?<![A-Z])(?:CO\\.?\\s*(?:REG|NO)|COMPANY\\s*(?:REG|NO)|ROC|REG\\.?\\s*NO|BRN|SSM)(?![A-Z])"
                    + "|^\\s*\\(?[A-Z0-9-]*\\d{4,}[A-Z0-9-]*\\)?\\s*$");
    private static final Pattern TITLE = Pattern.compile(
            "^\\s*-?\\s*(?:TAX\\s*INVOICE|INVOICE|RECEIPT|OFFICIAL\\s*RECEIPT|CASH\\s*(?:BILL|SALES?|RECEIPT)|SIMPLIFIED.*|ORIGINAL|COPY"
                    + "|WELCOME.*)\\s*-?\\s*$");
    /** A registration number printed after the name: "(519537-X)", "273500-U (KSB)". */
    private static final Pattern TRAILING_REGISTRATION = Pattern.compile("\\s*\\(?[A-Z]{0,3}\\d{4,}[- ]?[A-Z]?\\)?(?:\\s*\\([A-Z0-9]{1,5}\\))?\\s*$");

    private static final Pattern NAME_END = Pattern.compile("(?:SDN\\.?\\s*BHD\\.?|\\bBERHAD\\b|(?<![A-Z0-9])S/B(?![A-Z0-9]))");
    /** A registration number read with noise, "(758795-4}", "{519S37-x}", "(SI9557-¥3": an opening bracket, mostly digits, to the end. */
    private static final Pattern NOISY_REGISTRATION = Pattern.compile("\\s*[({\\[][^()\\[\\]{}]{0,3}\\d[^\\s]*\\s*[-\\dA-Z]*[)}\\]]?\\s*$");
    /** Trailing marks that are not part of a name: "—", "{", "|". */
    private static final Pattern LEADING_NOISE = Pattern.compile("^(?:[^A-Za-z0-9\\s(&]+\\s+)+");
    private static final Pattern TRAILING_NOISE = Pattern.compile("(?:\\s+[^A-Za-z0-9\\s()]+)+$");

    /** "(GST Ree No. 001492992000)": a registration whose label OCR garbled, still a tax label and a long number. */
    private static final Pattern LABELLED_NUMBER = Pattern.compile("(?<![A-Z])(?:GST|SST|CO|ROC)(?![A-Z]).*\\d{6,}");
    /** "e@ (00161023" P)", "~ (10746 17K)": a bracketed company number read with noise, hardly a letter besides. */
    private static final Pattern BRACKETED_NUMBER = Pattern.compile("[({\\[]\\s*\\d{5,}");
    private static final int MAX_NOISE_LETTERS = 3;

    List<ExpenseField> extract(List<TaggedRow> rows) {
        List<TaggedRow> header = rows.stream().filter(r -> r.page() == rows.get(0).page()).limit(HEADER_ROWS).toList();
        if (header.isEmpty()) {
            return List.of();
        }
        int name = nameRow(header);
        if (name < 0) {
            return List.of();
        }
        int first = name;
        int last = name;
        while (first > 0 && CONTINUATION.matcher(header.get(first).upper()).find() && isNameLike(header.get(first - 1))) {
            first--;
        }
        while (last + 1 < header.size() && continuesBelow(join(header, first, last), header.get(last + 1))) {
            last++;
        }
        List<ExpenseField> out = new ArrayList<>();
        String nameText = cleanName(LabelWords.repairKeepingCase(join(header, first, last)));
        out.add(new ExpenseField(ExpenseFieldType.VENDOR_NAME, nameText, null, null, null, header.get(name).page(),
                box(header.subList(first, last + 1)), confidence(header.subList(first, last + 1)) * 0.8));

        List<TaggedRow> address = addressRows(header, last + 1);
        if (!address.isEmpty()) {
            String text = String.join(" ", address.stream().map(r -> r.text().strip()).toList());
            out.add(new ExpenseField(ExpenseFieldType.VENDOR_ADDRESS, text, null, null, null, address.get(0).page(),
                    box(address), confidence(address) * 0.75));
        }
        return out;
    }

    private static List<TaggedRow> addressRows(List<TaggedRow> header, int from) {
        List<TaggedRow> address = new ArrayList<>();
        for (int i = from; i < header.size(); i++) {
            TaggedRow row = header.get(i);
            String upper = row.upper();
            boolean registration = REGISTRATION.matcher(upper).find() && !ADDRESS.matcher(upper).find()
                    || row.has(DataType.TAX_ID) && isMostly(row, DataType.TAX_ID)
                    || LABELLED_NUMBER.matcher(upper).find() && !STREET_START.matcher(upper).find()
                    || BRACKETED_NUMBER.matcher(upper).find() && row.freeLetters() <= MAX_NOISE_LETTERS;
            boolean dated = row.has(DataType.DATE) || row.has(DataType.TIME);
            if (address.isEmpty() && (registration || dated && !ADDRESS.matcher(upper).find())) {
                continue;
            }
            if (registration || dated || STOP.matcher(upper).find() || row.has(DataType.PHONE) || row.has(DataType.EMAIL)
                    || row.has(DataType.TAX_ID) || TITLE.matcher(upper).find()) {
                break;
            }
            if (!address.isEmpty() || ADDRESS.matcher(upper).find()) {
                address.add(row);
            }
            if (address.size() >= 6) {
                break;
            }
        }
        // Trailing rows without address words are not address, unless a branch name in brackets.
        while (!address.isEmpty()) {
            String last = address.get(address.size() - 1).text().strip();
            if (ADDRESS.matcher(last.toUpperCase()).find() || last.startsWith("(") && last.endsWith(")")) {
                break;
            }
            address.remove(address.size() - 1);
        }
        return address;
    }

    private static int nameRow(List<TaggedRow> header) {
        int end = 0;
        while (end < header.size() && !endsVendorBlock(header.get(end))) {
            end++;
        }
        if (end < 2) {
            end = header.size();
        }
        for (Pattern evidence : List.of(ENTITY, SHOP)) {
            for (int i = 0; i < end; i++) {
                TaggedRow row = header.get(i);
                if (evidence.matcher(row.upper()).find() && isNameLike(row)
                        && (evidence == ENTITY || !ADDRESS.matcher(row.upper()).find())) {
                    return i;
                }
            }
        }
        for (int i = 1; i < header.size(); i++) {
            // A dated row is the till's header ("19/06/17 (11237)"), its five digits a counter, not a postcode.
            if (ADDRESS.matcher(header.get(i).upper()).find() && !REGISTRATION.matcher(header.get(i).upper()).find()
                    && !header.get(i).has(DataType.DATE) && !header.get(i).has(DataType.TIME)) {
                for (int j = i - 1; j >= 0; j--) {
                    // A row opening like a street number ("NO 12, JALAN ...") is the address itself, not the name.
                    if (isNameLike(header.get(j)) && !STREET_START.matcher(header.get(j).upper()).find()) {
                        return j;
                    }
                }
                break;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (isNameLike(header.get(i)) && !STREET_START.matcher(header.get(i).upper()).find()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsVendorBlock(TaggedRow row) {
        return row.has(DataType.PHONE) || row.has(DataType.DATE) || row.has(DataType.EMAIL) || TITLE.matcher(row.upper()).find()
                || STOP.matcher(row.upper()).find() && !row.has(DataType.TAX_ID);
    }

    /** "HOME MASTER HARDWARE &" / "ELECTRICAL"; "ENTERPRISE (SETIA" / "ALAM) SDN BHD"; "AIK HUAT HARDWARE" / "SDN BHD". */
    private static boolean continuesBelow(String name, TaggedRow next) {
        if (!isNameLike(next) || ADDRESS.matcher(next.upper()).find() && !ENTITY.matcher(next.upper()).find()) {
            return false;
        }
        String trimmed = name.strip();
        long open = trimmed.chars().filter(c -> c == '(').count();
        long close = trimmed.chars().filter(c -> c == ')').count();
        return trimmed.endsWith("&") || trimmed.endsWith("-") || open > close
                || !ENTITY.matcher(trimmed.toUpperCase()).find() && CONTINUATION.matcher(next.upper()).find();
    }

    private static String cleanName(String name) {
        String cleaned = name;
        // "SDN BHD", "BERHAD" and "S/B" close a Malaysian company name: what follows on the row is a
        // registration number or OCR noise ("SDN BHD o.\\", "S/B {519S37-x}").
        Matcher end = NAME_END.matcher(cleaned.toUpperCase(Locale.ROOT));
        if (end.find()) {
            cleaned = cleaned.substring(0, end.end());
        }
        cleaned = TRAILING_REGISTRATION.matcher(cleaned).replaceFirst("");
        cleaned = NOISY_REGISTRATION.matcher(cleaned).replaceFirst("");
        cleaned = TRAILING_NOISE.matcher(cleaned).replaceFirst("").strip();
        cleaned = LEADING_NOISE.matcher(cleaned).replaceFirst("");
        // Bracketed tags read with a brace or a stray mark: "{SP}", "(SP}", "(Ml)" for (M), Malaysia.
        cleaned = cleaned.replaceAll("[({]([A-Z]{1,4})[)}]", "($1)").replaceAll("\\(M[l1iI|4]\\)", "(M)");
        cleaned = cleaned.replaceAll("[\\u00AE\\u2122\\u00A9]", "").replaceAll("[\\u2018\\u2019`]", "'").replaceAll("(?<=[A-Z])\\?(?=S\\b)", "'");
        return cleaned.isEmpty() ? name.strip() : cleaned;
    }

    private static boolean isMostly(TaggedRow row, DataType type) {
        int covered = row.of(type).stream().mapToInt(TypedSpan::length).sum();
        return covered * 2 >= row.text().replaceAll("[^A-Za-z0-9]", "").length();
    }

    private static String join(List<TaggedRow> rows, int from, int to) {
        return String.join(" ", rows.subList(from, to + 1).stream().map(r -> r.text().strip()).toList());
    }

    private static Box box(List<TaggedRow> rows) {
        return rows.stream().map(r -> r.row().box()).reduce(Box::union).orElseThrow();
    }

    private static double confidence(List<TaggedRow> rows) {
        return rows.stream().mapToDouble(r -> r.row().confidence()).average().orElse(0);
    }

    private static boolean isNameLike(TaggedRow row) {
        String upper = row.upper();
        return row.freeLetters() >= 3 && row.row().confidence() >= MIN_NAME_CONFIDENCE && !REGISTRATION.matcher(upper).find() && !TITLE.matcher(upper).find()
                && !STOP.matcher(upper).find() && !row.has(DataType.PHONE) && !row.has(DataType.DATE);
    }
}
