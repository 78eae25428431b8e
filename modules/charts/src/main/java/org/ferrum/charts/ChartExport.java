package org.ferrum.charts;

import com.orsonpdf.PDFDocument;
import com.orsonpdf.PDFGraphics2D;
import com.orsonpdf.Page;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as an image or document, or its plotted data as CSV.
 *
 * <p>Contract: the file at {@code path} is either the complete new export or left as it was: the export is written
 * to a temporary file in the same directory and then moved over {@code path} (atomically where the file system can;
 * otherwise by a replacing move), and the temporary file is removed on failure. Vector formats (SVG via JFreeSVG,
 * PDF via OrsonPDF) draw the chart through their {@code Graphics2D}, so text stays text and lines stay lines; PNG is
 * rendered by JFreeChart. Nothing here needs a display.
 */
public final class ChartExport {

    /** Export formats. */
    public enum Format {
        PNG("png"), SVG("svg"), PDF("pdf"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** File extension without the dot. */
        public String extension() {
            return extension;
        }

        /** The format a file name's extension names (case-insensitive). */
        public static Format ofFileName(String fileName) {
            int dot = fileName.lastIndexOf('.');
            String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.extension.equals(ext)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("cannot tell the export format of '" + fileName + "': use .png, .svg, .pdf or .csv");
        }
    }

    /** Default size of image and document exports, in pixels (PNG) or points (SVG, PDF). */
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    private ChartExport() {
    }

    /** {@link #write(JFreeChart, ChartData, Path, Format, int, int)} at the default size. */
    public static void write(JFreeChart chart, ChartData data, Path path, Format format) throws IOException {
        write(chart, data, path, format, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes {@code plotted} in the format its file name's extension names. */
    public static void write(PlottedChart plotted, Path path) throws IOException {
        write(plotted.chart(), plotted.data(), path, Format.ofFileName(path.getFileName().toString()));
    }

    /**
     * Writes the chart ({@code PNG}, {@code SVG}, {@code PDF}) or its data ({@code CSV}) to {@code path}.
     *
     * @param data    the plotted data; used for CSV only (may be null for the other formats)
     * @param width   width in pixels (PNG) or points (SVG, PDF)
     * @param height  height likewise
     */
    public static void write(JFreeChart chart, ChartData data, Path path, Format format, int width, int height)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        if (format != Format.CSV) {
            Objects.requireNonNull(chart, "chart");
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("export size must be positive, got " + width + " × " + height);
            }
        } else {
            Objects.requireNonNull(data, "data (CSV exports the plotted data)");
        }
        byte[] bytes = switch (format) {
            case PNG -> null; // streamed below
            case SVG -> svg(chart, width, height).getBytes(StandardCharsets.UTF_8);
            case PDF -> pdf(chart, width, height);
            case CSV -> data.toCsv().getBytes(StandardCharsets.UTF_8);
        };
        writeAtomically(path, out -> {
            if (bytes == null) {
                ChartUtils.writeChartAsPNG(out, chart, width, height);
            } else {
                out.write(bytes);
            }
        });
    }

    /** The chart as an SVG document. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** The chart as a one-page PDF document (page size width × height points), titled with the chart's title. */
    public static byte[] pdf(JFreeChart chart, int width, int height) {
        PDFDocument document = new PDFDocument();
        if (chart.getTitle() != null) {
            document.setTitle(chart.getTitle().getText());
        }
        document.setAuthor("Ferrum");
        Page page = document.createPage(new Rectangle(width, height));
        PDFGraphics2D g2 = page.getGraphics2D();
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return document.getPDFBytes();
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path path, StreamWriter writer) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
