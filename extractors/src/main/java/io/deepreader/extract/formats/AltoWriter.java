package io.deepreader.extract.formats;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** ALTO v4 (Library of Congress), MeasurementUnit pixel, word confidence WC in [0,1], as Tesseract's ALTO renderer writes it. */
public final class AltoWriter {
    public static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

    public String write(PageResult page, String imageName) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("alto");
            x.writeDefaultNamespace(NAMESPACE);
            x.writeStartElement("Description");
            element(x, "MeasurementUnit", "pixel");
            x.writeStartElement("sourceImageInformation");
            element(x, "fileName", imageName);
            x.writeEndElement();
            x.writeStartElement("OCRProcessing");
            x.writeAttribute("ID", "OCR_0");
            x.writeStartElement("ocrProcessingStep");
            x.writeStartElement("processingSoftware");
            element(x, "softwareName", "deepreader (" + (page.detector() == null ? "" : page.detector()) + " + tesseract)");
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();

            String p = String.valueOf(page.page());
            x.writeStartElement("Layout");
            x.writeStartElement("Page");
            x.writeAttribute("ID", "page_" + p);
            x.writeAttribute("PHYSICAL_IMG_NR", p);
            x.writeAttribute("WIDTH", String.valueOf(page.width()));
            x.writeAttribute("HEIGHT", String.valueOf(page.height()));
            x.writeStartElement("PrintSpace");
            position(x, new Box(0, 0, page.width(), page.height()));
            int blockNo = 0;
            int lineNo = 0;
            int wordNo = 0;
            for (Block block : page.blocks()) {
                x.writeStartElement("TextBlock");
                x.writeAttribute("ID", "block_" + p + "_" + ++blockNo);
                position(x, block.box());
                for (Line line : block.lines()) {
                    x.writeStartElement("TextLine");
                    x.writeAttribute("ID", "line_" + p + "_" + ++lineNo);
                    position(x, line.box());
                    List<Token> words = PageText.line(page.page(), line).tokens();
                    for (int i = 0; i < words.size(); i++) {
                        Token w = words.get(i);
                        if (i > 0) {
                            x.writeEmptyElement("SP");
                        }
                        x.writeEmptyElement("String");
                        x.writeAttribute("ID", "string_" + p + "_" + ++wordNo);
                        position(x, w.box());
                        x.writeAttribute("WC", String.format(Locale.ROOT, "%.2f", Math.max(0, Math.min(1, w.confidence() / 100))));
                        x.writeAttribute("CONTENT", XmlText.clean(w.text()));
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("ALTO writer failed on an in-memory stream", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(XmlText.clean(text));
        x.writeEndElement();
    }

    private static void position(XMLStreamWriter x, Box b) throws XMLStreamException {
        x.writeAttribute("HPOS", String.valueOf(b.x()));
        x.writeAttribute("VPOS", String.valueOf(b.y()));
        x.writeAttribute("WIDTH", String.valueOf(b.width()));
        x.writeAttribute("HEIGHT", String.valueOf(b.height()));
    }
}
