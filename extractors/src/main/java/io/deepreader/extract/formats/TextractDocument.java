package io.deepreader.extract.formats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response shape of Amazon Textract DetectDocumentText (field names as in the AWS API), so
 * consumers written for Textract read our OCR unchanged: PAGE, LINE and WORD blocks, CHILD
 * relationships, geometry as fractions of the page's width and height. A document with tables has
 * AnalyzeDocument's shape instead (TABLES feature): TABLE, CELL and MERGED_CELL blocks beside the others,
 * and {@code AnalyzeDocumentModelVersion} in place of {@code DetectDocumentTextModelVersion}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextractDocument(
        @JsonProperty("DocumentMetadata") Metadata documentMetadata,
        @JsonProperty("Blocks") List<BlockItem> blocks,
        @JsonProperty("DetectDocumentTextModelVersion") String modelVersion,
        @JsonProperty("AnalyzeDocumentModelVersion") String analyzeModelVersion) {

    public TextractDocument {
        blocks = List.copyOf(blocks);
    }

    /** A DetectDocumentText response (no tables). */
    public TextractDocument(Metadata documentMetadata, List<BlockItem> blocks, String modelVersion) {
        this(documentMetadata, blocks, modelVersion, null);
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
            @JsonProperty("Page") int page,
            @JsonProperty("RowIndex") Integer rowIndex,
            @JsonProperty("ColumnIndex") Integer columnIndex,
            @JsonProperty("RowSpan") Integer rowSpan,
            @JsonProperty("ColumnSpan") Integer columnSpan,
            @JsonProperty("EntityTypes") List<String> entityTypes) {

        /** A PAGE, LINE or WORD block (no table position). */
        public BlockItem(String blockType, Double confidence, String text, String textType, Geometry geometry, String id,
                         List<Relationship> relationships, int page) {
            this(blockType, confidence, text, textType, geometry, id, relationships, page, null, null, null, null, null);
        }
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
