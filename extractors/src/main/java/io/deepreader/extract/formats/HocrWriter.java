package io.deepreader.extract.formats;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * hOCR as Tesseract writes it (ocr_page / ocr_carea / ocr_par / ocr_line / ocrx_word with bbox and
 * x_wconf), as well-formed XHTML. No DOCTYPE, so XML parsers need not fetch a DTD.
 */
public final class HocrWriter {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    public String write(PageResult page, String imageName) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("html");
            x.writeDefaultNamespace(XHTML);
            x.writeAttribute("xml:lang", "en");
            x.writeAttribute("lang", "en");
            x.writeStartElement("head");
            x.writeStartElement("title");
            x.writeCharacters(XmlText.clean(page.docId() + " page " + page.page()));
            x.writeEndElement();
            meta(x, "ocr-system", "deepreader (tesseract)");
            meta(x, "ocr-capabilities", "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf");
            x.writeEndElement();
            x.writeStartElement("body");
            String p = String.valueOf(page.page());
            x.writeStartElement("div");
            x.writeAttribute("class", "ocr_page");
            x.writeAttribute("id", "page_" + p);
            x.writeAttribute("title", String.format(Locale.ROOT, "image \"%s\"; bbox 0 0 %d %d; ppageno %d",
                    imageName, page.width(), page.height(), page.page() - 1));
            int blockNo = 0;
            int lineNo = 0;
            int wordNo = 0;
            for (Block block : page.blocks()) {
                blockNo++;
                x.writeStartElement("div");
                x.writeAttribute("class", "ocr_carea");
                x.writeAttribute("id", "block_" + p + "_" + blockNo);
                x.writeAttribute("title", bbox(block.box()));
                x.writeStartElement("p");
                x.writeAttribute("class", "ocr_par");
                x.writeAttribute("id", "par_" + p + "_" + blockNo);
                x.writeAttribute("title", bbox(block.box()));
                for (Line line : block.lines()) {
                    TokenText words = PageText.line(page.page(), line);
                    lineNo++;
                    x.writeStartElement("span");
                    x.writeAttribute("class", "ocr_line");
                    x.writeAttribute("id", "line_" + p + "_" + lineNo);
                    x.writeAttribute("title", bbox(line.box()) + String.format(Locale.ROOT, "; x_wconf %d", Math.round(line.confidence())));
                    for (Token w : words.tokens()) {
                        wordNo++;
                        x.writeStartElement("span");
                        x.writeAttribute("class", "ocrx_word");
                        x.writeAttribute("id", "word_" + p + "_" + wordNo);
                        x.writeAttribute("title", bbox(w.box()) + String.format(Locale.ROOT, "; x_wconf %d", Math.round(w.confidence())));
                        x.writeCharacters(XmlText.clean(w.text()));
                        x.writeEndElement();
                        x.writeCharacters(" ");
                    }
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("hOCR writer failed on an in-memory stream", e);
        }
        return out.toString();
    }

    private static void meta(XMLStreamWriter x, String name, String content) throws XMLStreamException {
        x.writeEmptyElement("meta");
        x.writeAttribute("name", name);
        x.writeAttribute("content", content);
    }

    private static String bbox(Box b) {
        return String.format(Locale.ROOT, "bbox %d %d %d %d", b.x(), b.y(), b.right(), b.bottom());
    }
}
