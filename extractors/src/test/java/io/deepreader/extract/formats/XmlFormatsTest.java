package io.deepreader.extract.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.result.PageResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XmlFormatsTest {
    /** Words that need escaping, and a control character XML 1.0 cannot carry at all. */
    private static final PageResult PAGE = Pages.page("b1", "d1", 1, 800, 600, List.of(
            Pages.line("A&W <ROOT> \"BEER\"", 10, 10),
            Pages.line("TOTAL RM 9.00\u0007", 10, 40)));

    @Test
    void hocrIsWellFormedWithBoxesAndConfidences() throws Exception {
        Document doc = parse(new HocrWriter().write(PAGE, "page-0001.png"));
        Element page = byClass(doc, "ocr_page").get(0);
        assertThat(page.getAttribute("title")).isEqualTo("image \"page-0001.png\"; bbox 0 0 800 600; ppageno 0");
        assertThat(byClass(doc, "ocr_line")).hasSize(2);
        List<Element> words = byClass(doc, "ocrx_word");
        assertThat(words).extracting(Element::getTextContent)
                .containsExactly("A&W", "<ROOT>", "\"BEER\"", "TOTAL", "RM", "9.00");
        // First word: x=10, 3 chars of 10 px, line height 20.
        assertThat(words.get(0).getAttribute("title")).isEqualTo("bbox 10 10 40 30; x_wconf 90");
    }

    @Test
    void altoIsWellFormedWithPositionsAndWordConfidence() throws Exception {
        Document doc = parse(new AltoWriter().write(PAGE, "page-0001.png"));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(AltoWriter.NAMESPACE);
        Element page = (Element) doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "Page").item(0);
        assertThat(page.getAttribute("WIDTH")).isEqualTo("800");
        assertThat(page.getAttribute("HEIGHT")).isEqualTo("600");
        NodeList strings = doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "String");
        assertThat(strings.getLength()).isEqualTo(6);
        Element last = (Element) strings.item(5);
        assertThat(last.getAttribute("CONTENT")).isEqualTo("9.00");
        assertThat(last.getAttribute("WC")).isEqualTo("0.90");
        assertThat(Integer.parseInt(last.getAttribute("HPOS"))).isEqualTo(10 + 9 * 10);
        assertThat(doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "TextLine").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "SP").getLength()).isEqualTo(4);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document doc, String cls) {
        NodeList all = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "*");
        java.util.ArrayList<Element> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }
}
