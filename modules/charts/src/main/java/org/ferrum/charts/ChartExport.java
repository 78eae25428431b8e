/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.charts;

import com.orsonpdf.PDFDocument;
import com.orsonpdf.PDFGraphics2D;
import com.orsonpdf.Page;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
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
        PNG("png"),
        SVG("svg"),
        PDF("pdf"),
        CSV("csv");

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
            throw new IllegalArgumentException(
                    "cannot tell the export format of '" + fileName + "': use .png, .svg, .pdf or .csv");
        }
    }

    /** Default size of image and document exports, in pixels (PNG) or points (SVG, PDF). */
    public static final int DEFAULT_WIDTH = 800;

    public static final int DEFAULT_HEIGHT = 500;
    /** Resolution a PNG is drawn for when none is given: a screen's, where 1 px is 1 px. */
    public static final int SCREEN_DPI = 96;

    private ChartExport() {}

    /** {@link #write(JFreeChart, ChartData, Path, Format, int, int)} at the default size. */
    public static void write(JFreeChart chart, ChartData data, Path path, Format format) throws IOException {
        write(chart, data, path, format, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes {@code plotted} in the format its file name's extension names. */
    public static void write(PlottedChart plotted, Path path) throws IOException {
        write(
                plotted.chart(),
                plotted.data(),
                path,
                Format.ofFileName(path.getFileName().toString()));
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
        write(chart, data, path, format, width, height, SCREEN_DPI);
    }

    /**
     * As {@link #write(JFreeChart, ChartData, Path, Format, int, int)}, a PNG for {@code dpi} dots per inch: the image
     * is width × height pixels, the chart drawn scaled by dpi / {@value #SCREEN_DPI} (so text keeps the size it has on
     * screen when the image is printed at that resolution: 300 DPI draws everything 3.125 × larger), and the file's
     * {@code pHYs} chunk records the resolution (pixels per metre = dpi / 0.0254, PNG specification 11.3.5.3), which
     * word processors and journals' tools use to size the image. Ignored by SVG, PDF and CSV.
     */
    public static void write(JFreeChart chart, ChartData data, Path path, Format format, int width, int height, int dpi)
            throws IOException {
        Objects.requireNonNull(path, "path");
        if (dpi < 10 || dpi > 2400) {
            throw new IllegalArgumentException("resolution must be 10 to 2400 DPI, got " + dpi);
        }
        Objects.requireNonNull(format, "format");
        if (format != Format.CSV) {
            Objects.requireNonNull(chart, "chart");
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("export size must be positive, got " + width + " × " + height);
            }
        } else {
            Objects.requireNonNull(data, "data (CSV exports the plotted data)");
        }
        byte[] bytes =
                switch (format) {
                    case PNG -> null; // streamed below
                    case SVG -> svg(chart, width, height).getBytes(StandardCharsets.UTF_8);
                    case PDF -> pdf(chart, width, height);
                    case CSV -> data.toCsv().getBytes(StandardCharsets.UTF_8);
                };
        writeAtomically(path, out -> {
            if (bytes == null) {
                writePng(out, chart, width, height, dpi);
            } else {
                out.write(bytes);
            }
        });
    }

    /** Draws the chart into a width × height image at dpi and writes it as PNG with its pHYs resolution. */
    static void writePng(OutputStream out, JFreeChart chart, int width, int height, int dpi) throws IOException {
        double scale = dpi / (double) SCREEN_DPI;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width / scale, height / scale));
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String ppm = Long.toString(Math.round(dpi / 0.0254));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    /** The resolution recorded in a PNG's pHYs chunk, in DPI, or NaN if it has none (or not in metres). */
    public static double pngDpi(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(in);
                org.w3c.dom.Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof IIOMetadataNode e
                            && "pHYs".equals(e.getNodeName())
                            && "meter".equals(e.getAttribute("unitSpecifier"))) {
                        return Double.parseDouble(e.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
                    }
                }
                return Double.NaN;
            } finally {
                reader.dispose();
            }
        }
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

    /** Through io's {@link org.ferrum.io.AtomicFiles}: never a half-written chart, and the permissions of a normal file. */
    private static void writeAtomically(Path path, StreamWriter writer) throws IOException {
        org.ferrum.io.AtomicFiles.write(path, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }
}
