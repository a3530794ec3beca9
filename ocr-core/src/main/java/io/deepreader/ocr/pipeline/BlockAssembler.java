package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups lines (already in reading order) into blocks: a line joins the open block whose last line
 * sits just above it (gap under 1.2 line heights) and overlaps it horizontally.
 */
public final class BlockAssembler {
    private BlockAssembler() {
    }

    public static List<Block> group(List<Line> lines) {
        List<List<Line>> groups = new ArrayList<>();
        for (Line line : lines) {
            List<Line> target = null;
            for (List<Line> group : groups) {
                Box last = group.get(group.size() - 1).box();
                Box box = line.box();
                int gap = box.y() - last.bottom();
                boolean below = gap > -last.height() / 2 && gap < 1.2 * Math.max(last.height(), box.height());
                boolean overlaps = Math.min(last.right(), box.right()) > Math.max(last.x(), box.x());
                if (below && overlaps && box.centerY() > last.centerY()) {
                    target = group;
                }
            }
            if (target == null) {
                target = new ArrayList<>();
                groups.add(target);
            }
            target.add(line);
        }
        List<Block> blocks = new ArrayList<>();
        for (List<Line> group : groups) {
            Box box = group.get(0).box();
            double weighted = 0;
            int chars = 0;
            for (Line line : group) {
                box = box.union(line.box());
                weighted += line.confidence() * line.text().length();
                chars += line.text().length();
            }
            blocks.add(new Block(box, chars == 0 ? 0 : weighted / chars, group));
        }
        return blocks;
    }
}
