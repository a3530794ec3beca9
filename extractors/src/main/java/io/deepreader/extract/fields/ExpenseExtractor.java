package io.deepreader.extract.fields;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypeTagger;
import io.deepreader.extract.types.TypedSpan;
import io.deepreader.ocr.result.PageResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deep Reader's invoice/receipt field extractor: layout rules over visual rows (a label and its
 * value on one row, or the value on the row below), vendor block at the top, item table between
 * its header and the first total. Rules were tuned on SROIE receipts 000-299 only.
 */
public final class ExpenseExtractor {
    private static final Pattern RM = Pattern.compile("(?<![A-Z])RM(?![A-Z])");

    private final TypeTagger tagger;
    private final VendorRules vendor = new VendorRules();
    private final AmountRules amounts = new AmountRules();
    private final ReferenceRules references = new ReferenceRules();
    private final LineItemRules lineItems = new LineItemRules();

    public ExpenseExtractor(TypeTagger tagger) {
        this.tagger = tagger;
    }

    public ExpenseDocument extract(List<PageResult> pages) {
        List<TaggedRow> rows = new ArrayList<>();
        for (PageResult page : pages.stream().sorted(Comparator.comparingInt(PageResult::page)).toList()) {
            for (TokenText row : PageText.rows(page)) {
                rows.add(new TaggedRow(rows.size(), row, tagger.tag(row.text())));
            }
        }
        String currency = currency(rows);
        List<ExpenseField> fields = new ArrayList<>();
        vendor.extract(rows).forEach(fields::add);
        references.extract(rows).forEach(fields::add);
        AmountRules.Amounts found = amounts.extract(rows, currency);
        found.fields().forEach(fields::add);
        List<LineItem> items = lineItems.extract(rows, found.firstSummaryRow(), currency);
        return new ExpenseDocument(currency, fields, items);
    }

    /** The currency shown most often on amounts; a bare "RM" column header still says ringgit. */
    private static String currency(List<TaggedRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TaggedRow row : rows) {
            for (TypedSpan s : row.of(DataType.AMOUNT)) {
                if (s.currency() != null) {
                    counts.merge(s.currency(), 1, Integer::sum);
                }
            }
        }
        Optional<String> shown = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (shown.isPresent()) {
            return shown.get();
        }
        return rows.stream().anyMatch(r -> RM.matcher(r.upper()).find()) ? "MYR" : null;
    }
}
