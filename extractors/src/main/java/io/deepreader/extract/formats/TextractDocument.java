package io.deepreader.extract.formats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response shape of Amazon Textract DetectDocumentText (field names as in the AWS API), so
 * consumers written for Textract read our OCR unchanged: PAGE, LINE and WORD blocks, CHILD
 * relationships, geometry as fractions of the page's width and height.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextractDocument(
        @JsonProperty("DocumentMetadata") Metadata documentMetadata,
        @JsonProperty("Blocks") List<BlockItem> blocks,
        @JsonProperty("DetectDocumentTextModelVersion") String modelVersion) {

    public TextractDocument {
        blocks = List.copyOf(blocks);
    }

    public record Metadata(@JsonProperty("Pages") int pages) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockItem(
            @JsonProperty("BlockType") String blockType,
            @JsonProperty("Confidence") Double confidence,
            @JsonProperty("Text") String text,
            @JsonProperty("TextType") String textType,
            @JsonProperty("Geometry") Geometry geometry,
            @JsonProperty("Id") String id,
            @JsonProperty("Relationships") List<Relationship> relationships,
            @JsonProperty("Page") int page) {
    }

    public record Geometry(@JsonProperty("BoundingBox") BoundingBox boundingBox, @JsonProperty("Polygon") List<Point> polygon) {
    }

    public record BoundingBox(@JsonProperty("Width") double width, @JsonProperty("Height") double height,
                              @JsonProperty("Left") double left, @JsonProperty("Top") double top) {
    }

    public record Point(@JsonProperty("X") double x, @JsonProperty("Y") double y) {
    }

    public record Relationship(@JsonProperty("Type") String type, @JsonProperty("Ids") List<String> ids) {
    }
}
