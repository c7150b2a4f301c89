package io.orderhub.enrich;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small CSV tables a team maintains in mappings/ (the catalog, the cross reference, listings, stock policies):
 * a header line, then one row a line; {@code #} starts a comment line.
 */
public final class CsvFile {

    private CsvFile() {
    }

    /**
     * The rows of the file, none when it is missing. Each row has {@code columns} cells, of which the first
     * {@code required} must not be blank; a row that breaks that names its line.
     */
    public static List<List<String>> rows(Path file, int columns, int required) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (int n = 0; n < lines.size(); n++) {
            String text = lines.get(n).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> cells = cells(text);
            if (cells.size() != columns || cells.subList(0, required).stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (n + 1) + ": expected " + columns
                        + " comma-separated values" + (required < columns ? " (the first " + required + " given)" : "")
                        + ", got '" + text + "'");
            }
            rows.add(cells);
        }
        return rows;
    }

    /** One CSV line's cells: a cell in double quotes may hold commas, and "" inside it is one quote. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
