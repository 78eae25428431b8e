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
package org.ferrum.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeListener;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * One plane of one map: the slice through the shared crosshair, windowed and coloured, with overlays,
 * crosshair, orientation letters at the edges and a status line (voxel, mm, value with unit, window,
 * frame).
 *
 * <p>Mouse: wheel = next/previous slice; ctrl-wheel = zoom; left click = move the crosshair; left drag =
 * pan; right drag = window/level (horizontal = width, vertical = centre, both in proportion to the
 * current width). Voxels are drawn with their physical aspect ratio, nearest-neighbour (no smoothing of
 * quantitative values).
 *
 * <p>When the link's {@link RoiTool} is not {@link RoiTool#NONE}, the left button draws the shared ROI
 * instead ({@link ViewerLink#roi()}, label 1): ellipse = drag a box, polygon = click vertices and
 * double-click to close, sphere = click the centre (radius {@link ViewerLink#sphereRadiusMm()}). Each new
 * shape replaces the previous ROI. The ROI is drawn over every view that shares the link and has its grid.
 */
public final class SliceView extends JComponent {

    private final String title;
    private final SliceRenderer renderer;
    private final ViewerLink link;
    private Plane plane;
    private WindowLevel window;
    private Colormap colormap;
    private final List<LabelOverlay> overlays = new ArrayList<>();
    private BufferedImage slice;
    private final ChangeListener repaintOnChange = e -> repaint();
    /** Opacity of the shared ROI over the map: the map stays readable under it. */
    static final double ROI_OPACITY = 0.4;
    // the shape being drawn, in fractional display pixels (column, row); empty when nothing is half-drawn
    private final List<Point2D.Double> sketch = new ArrayList<>();
    private RoiTool sketchTool = RoiTool.NONE;

    public SliceView(String title, SliceRenderer renderer, Plane plane, ViewerLink link) {
        this.title = title;
        this.renderer = renderer;
        this.plane = plane;
        this.link = link;
        this.window = renderer.defaultWindow();
        this.colormap =
                renderer.volume().unit() == org.ferrum.core.PhysicalUnit.PPM ? Colormap.DIVERGING : Colormap.GREY;
        setOpaque(true);
        setBackground(Color.BLACK);
        setPreferredSize(new Dimension(320, 320));
        Mouse mouse = new Mouse();
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addMouseWheelListener(mouse);
        link.addChangeListener(repaintOnChange);
        setFocusable(true);
        ViewActions.bindUndoKeys(this, link);
    }

    public String title() {
        return title;
    }

    public SliceRenderer renderer() {
        return renderer;
    }

    public ViewerLink link() {
        return link;
    }

    public Plane plane() {
        return plane;
    }

    public void setPlane(Plane plane) {
        this.plane = plane;
        repaint();
    }

    public WindowLevel window() {
        return window;
    }

    public void setWindow(WindowLevel window) {
        this.window = window;
        repaint();
    }

    public Colormap colormap() {
        return colormap;
    }

    public void setColormap(Colormap colormap) {
        this.colormap = colormap;
        repaint();
    }

    /** Adds a label map or mask (same grid as the map). */
    public void addOverlay(LabelOverlay overlay) {
        renderer.requireSameGrid(overlay.labels(), "overlay");
        overlays.add(overlay);
        repaint();
    }

    public void clearOverlays() {
        overlays.clear();
        repaint();
    }

    /** Stops following the link (call when the view is discarded). */
    public void detach() {
        link.removeChangeListener(repaintOnChange);
    }

    /** The voxel under the crosshair, clamped into this map (the cursor may lie outside a smaller map). */
    public long[] cursorVoxel() {
        double[] mm = link.cursorMm();
        double[] f = renderer.geometry().toVoxel(mm[0], mm[1], mm[2]);
        long[] v = new long[3];
        for (int d = 0; d < 3; d++) {
            v[d] = Math.max(0, Math.min(renderer.volume().dimension(d) - 1, Math.round(f[d])));
        }
        return v;
    }

    /** The frame shown: the link's, limited to this map's frames. */
    public int frame() {
        return Math.min(link.frame(), renderer.volume().frames() - 1);
    }

    /** The slice index along this plane's normal. */
    public int sliceIndex() {
        return renderer.displayPosition(plane, cursorVoxel())[2];
    }

    /** The link's fusion image if it lies on this view's map's grid, else null. */
    FusionOverlay fusion() {
        FusionOverlay f = link.fusion();
        return f != null && GridResampling.sameGrid(f.image(), renderer.volume()) ? f : null;
    }

    /**
     * What the crosshair points at: voxel, millimetres, value, and the label there with its legend's name — of the
     * shared label map when one lies on this map's grid, else of the map itself when it is a label map with a legend.
     */
    public CursorReadout readout() {
        long[] voxel = cursorVoxel();
        CursorReadout r = renderer.readout(voxel, frame());
        Volume<FloatType> roi = link.roi();
        if (roi != null && GridResampling.sameGrid(roi, renderer.volume())) {
            String label = link.labelAt(voxel);
            if (!label.isEmpty()) {
                return r.withLabel(label);
            }
        }
        return r;
    }

    /** The status line: crosshair readout and window. */
    public String statusText() {
        String frames = renderer.volume().frames() > 1
                ? String.format(
                        Locale.ROOT,
                        "  frame %d/%d",
                        frame() + 1,
                        renderer.volume().frames())
                : "";
        return readout().text() + "  " + window + frames;
    }

    /** Moves the crosshair {@code steps} slices along this plane's normal (clamped to the map). */
    public void stepSlice(int steps) {
        long[] v = cursorVoxel();
        int n = renderer.orientation(plane).normalAxis();
        v[n] = Math.max(0, Math.min(renderer.volume().dimension(n) - 1, v[n] + steps));
        // keep the in-plane position exact: move only along the normal, by whole voxels
        double[] now = link.cursorMm();
        double[] from = renderer.patientOf(cursorVoxel());
        double[] to = renderer.patientOf(v);
        link.setCursorMm(new double[] {now[0] + to[0] - from[0], now[1] + to[1] - from[1], now[2] + to[2] - from[2]});
    }

    // --- geometry of the drawing: image pixel (column, row) <-> component point

    private double[] imagePlacement() {
        SliceOrientation o = renderer.orientation(plane);
        double[] vs = renderer.geometry().voxelSize();
        double wMm = renderer.width(plane) * vs[o.horizontalAxis()],
                hMm = renderer.height(plane) * vs[o.verticalAxis()];
        double fit = Math.min(getWidth() / wMm, getHeight() / hMm);
        double perMm = fit * link.zoom();
        double sx = perMm * vs[o.horizontalAxis()], sy = perMm * vs[o.verticalAxis()];
        Point2D.Double pan = link.pan(plane);
        double x0 = (getWidth() - wMm * perMm) / 2 + pan.x, y0 = (getHeight() - hMm * perMm) / 2 + pan.y;
        return new double[] {x0, y0, sx, sy};
    }

    /** The image pixel (column, row) under component point (x, y), or null outside the image. */
    int[] pixelAt(double x, double y) {
        double[] l = imagePlacement();
        int c = (int) Math.floor((x - l[0]) / l[2]), r = (int) Math.floor((y - l[1]) / l[3]);
        return c < 0 || r < 0 || c >= renderer.width(plane) || r >= renderer.height(plane) ? null : new int[] {c, r};
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, getWidth(), getHeight());
            int w = renderer.width(plane), h = renderer.height(plane);
            if (slice == null || slice.getWidth() != w || slice.getHeight() != h) {
                slice = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            }
            long[] voxel = cursorVoxel();
            int[] pos = renderer.displayPosition(plane, voxel);
            List<LabelOverlay> shown = new ArrayList<>(overlays);
            Volume<FloatType> roi = link.roi();
            if (roi != null && GridResampling.sameGrid(roi, renderer.volume())) {
                shown.add(new LabelOverlay(roi, link.labelColours(), ROI_OPACITY, false));
            }
            renderer.renderInto(
                    slice, plane, pos[2], frame(), window, colormap, fusion(), shown.toArray(LabelOverlay[]::new));
            double[] l = imagePlacement();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(
                    slice,
                    (int) Math.round(l[0]),
                    (int) Math.round(l[1]),
                    (int) Math.round(w * l[2]),
                    (int) Math.round(h * l[3]),
                    null);
            // crosshair through the voxel centre
            double cx = l[0] + (pos[0] + 0.5) * l[2], cy = l[1] + (pos[1] + 0.5) * l[3];
            g.setColor(new Color(0, 255, 0, 160));
            g.setStroke(new BasicStroke(1f));
            g.drawLine(0, (int) cy, getWidth(), (int) cy);
            g.drawLine((int) cx, 0, (int) cx, getHeight());
            paintSketch(g, l);
            paintLabels(g);
        } finally {
            g.dispose();
        }
    }

    /** The half-drawn shape as an outline: the ellipse's rubber band or the polygon's open path. */
    private void paintSketch(Graphics2D g, double[] l) {
        if (sketch.isEmpty() || sketchTool != link.roiTool()) {
            return;
        }
        g.setColor(Color.ORANGE);
        g.setStroke(new BasicStroke(1.5f));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (sketchTool == RoiTool.ELLIPSE && sketch.size() == 2) {
            Point2D.Double a = sketch.get(0), b = sketch.get(1);
            double x0 = l[0] + Math.min(a.x, b.x) * l[2], y0 = l[1] + Math.min(a.y, b.y) * l[3];
            g.draw(new java.awt.geom.Ellipse2D.Double(x0, y0, Math.abs(a.x - b.x) * l[2], Math.abs(a.y - b.y) * l[3]));
        } else if (sketchTool == RoiTool.GROW_NUCLEUS && sketch.size() == 2) {
            Point2D.Double a = sketch.get(0), b = sketch.get(1);
            double x0 = l[0] + Math.min(a.x, b.x) * l[2], y0 = l[1] + Math.min(a.y, b.y) * l[3];
            g.draw(new java.awt.geom.Rectangle2D.Double(
                    x0, y0, Math.abs(a.x - b.x) * l[2], Math.abs(a.y - b.y) * l[3]));
        } else if (sketchTool == RoiTool.POLYGON || sketchTool == RoiTool.FREEHAND) {
            java.awt.geom.Path2D.Double path = new java.awt.geom.Path2D.Double();
            for (int n = 0; n < sketch.size(); n++) {
                double x = l[0] + sketch.get(n).x * l[2], y = l[1] + sketch.get(n).y * l[3];
                if (n == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
                g.fill(new java.awt.geom.Ellipse2D.Double(x - 2, y - 2, 4, 4));
            }
            g.draw(path);
        }
    }

    /** Draws the title, orientation letters, colour bar and status lines where {@link #textLayout} puts them. */
    private void paintLabels(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font big = letterFont(), small = textFont();
        TextLayout t = textLayout(g.getFontMetrics(big), g.getFontMetrics(small));
        SliceOrientation o = renderer.orientation(plane);
        g.setFont(big);
        int a = g.getFontMetrics().getAscent();
        outlined(g, String.valueOf(o.left()), t.left, a, Color.YELLOW);
        outlined(g, String.valueOf(o.right()), t.right, a, Color.YELLOW);
        outlined(g, String.valueOf(o.top()), t.top, a, Color.YELLOW);
        outlined(g, String.valueOf(o.bottom()), t.bottom, a, Color.YELLOW);
        g.setFont(small);
        int sa = g.getFontMetrics().getAscent();
        outlined(g, t.titleText, t.title, sa, Color.WHITE);
        outlined(g, t.windowText, t.window, sa, Color.WHITE);
        outlined(g, t.readoutText, t.readout, sa, Color.WHITE);
        if (t.bar != null) {
            paintColourBar(g, t, sa);
        }
    }

    private Font letterFont() {
        return getFont() != null ? getFont().deriveFont(Font.BOLD, 13f) : new Font(Font.SANS_SERIF, Font.BOLD, 13);
    }

    private Font textFont() {
        return getFont() != null ? getFont().deriveFont(Font.PLAIN, 11f) : new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    }

    /**
     * Text drawn with a dark halo (the text offset by one pixel in eight directions, in near-black) under it, so it
     * stays readable over any map, white included.
     */
    static void outlined(Graphics2D g, String text, Rectangle box, int ascent, Color colour) {
        int x = box.x, y = box.y + ascent;
        g.setColor(HALO);
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (dx != 0 || dy != 0) {
                    g.drawString(text, x + dx, y + dy);
                }
            }
        }
        g.setColor(colour);
        g.drawString(text, x, y);
    }

    /** The colour of the halo around overlay text. */
    static final Color HALO = new Color(0, 0, 0, 220);

    private void paintColourBar(Graphics2D g, TextLayout t, int ascent) {
        Rectangle b = t.bar;
        int[] lut = colormap.table();
        for (int y = 0; y < b.height; y++) {
            // top = upper end of the window
            int i = (int) Math.min(
                    lut.length - 1, Math.floor((b.height - 1 - y) / (double) Math.max(1, b.height - 1) * lut.length));
            g.setColor(new Color(lut[Math.max(0, i)] | 0xFF000000, true));
            g.fillRect(b.x, b.y + y, b.width, 1);
        }
        g.setColor(HALO);
        g.drawRect(b.x - 1, b.y - 1, b.width + 1, b.height + 1);
        outlined(g, t.upperText, t.upper, ascent, Color.WHITE);
        outlined(g, t.lowerText, t.lower, ascent, Color.WHITE);
        if (t.unit != null) {
            outlined(g, t.unitText, t.unit, ascent, Color.WHITE);
        }
    }

    /** Whether the colour bar (window range and unit at the right edge) is drawn; on by default. */
    public boolean isColourBarVisible() {
        return colourBar;
    }

    public void setColourBarVisible(boolean visible) {
        colourBar = visible;
        repaint();
    }

    private boolean colourBar = true;

    /**
     * Where each overlay text goes at the view's current size: the title top left, the top orientation letter centred
     * on the line under it (so a long title never runs into it), the status lines bottom left with the bottom letter
     * above them, the colour bar at the right edge with the right letter left of it. Boxes are in component pixels.
     */
    static final class TextLayout {
        Rectangle title, top, bottom, left, right, window, readout, bar, upper, lower, unit;
        String titleText, windowText, readoutText, upperText, lowerText, unitText;

        /** Every box, by name (for tests and for checking that none overlap). */
        Map<String, Rectangle> boxes() {
            Map<String, Rectangle> m = new LinkedHashMap<>();
            m.put("title", title);
            m.put("top", top);
            m.put("bottom", bottom);
            m.put("left", left);
            m.put("right", right);
            m.put("window", window);
            m.put("readout", readout);
            if (bar != null) {
                m.put("colour bar", bar);
                m.put("upper", upper);
                m.put("lower", lower);
                if (unit != null) {
                    m.put("unit", unit);
                }
            }
            return m;
        }
    }

    /** The layout of the overlay text at the view's size and fonts (as {@link #paintLabels} draws it). */
    TextLayout textLayout() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return textLayout(g.getFontMetrics(letterFont()), g.getFontMetrics(textFont()));
        } finally {
            g.dispose();
        }
    }

    private TextLayout textLayout(FontMetrics big, FontMetrics small) {
        TextLayout t = new TextLayout();
        SliceOrientation o = renderer.orientation(plane);
        int W = getWidth(), H = getHeight(), m = 4, lh = small.getHeight(), bh = big.getHeight();
        t.titleText = title + " · " + plane.name().toLowerCase(Locale.ROOT) + " " + (sliceIndex() + 1) + "/"
                + renderer.sliceCount(plane);
        FusionOverlay fused = fusion();
        if (fused != null) {
            t.titleText += " · " + fused.caption();
        }
        t.title = new Rectangle(m, 2, small.stringWidth(t.titleText), lh);
        String letter = String.valueOf(o.top());
        t.top = new Rectangle(W / 2 - big.stringWidth(letter) / 2, t.title.y + lh + 1, big.stringWidth(letter), bh);
        String frames = renderer.volume().frames() > 1
                ? String.format(
                        Locale.ROOT,
                        "  frame %d/%d",
                        frame() + 1,
                        renderer.volume().frames())
                : "";
        CursorReadout readout = readout();
        t.readoutText = readout.text();
        if (small.stringWidth(t.readoutText) > W - 2 * m) {
            // narrow view: the value first, then the voxel; the millimetres only fit wider views
            String value = (Double.isNaN(readout.value()) ? "—" : String.format(Locale.ROOT, "%.4g", readout.value()))
                    + " " + readout.unit().symbol();
            long[] vx = readout.voxel();
            t.readoutText = String.format(Locale.ROOT, "%s  voxel (%d, %d, %d)", value.strip(), vx[0], vx[1], vx[2])
                    + (readout.label().isEmpty() ? "" : "  " + readout.label());
        }
        t.windowText = window + frames;
        t.readout = new Rectangle(m, H - 4 - lh, small.stringWidth(t.readoutText), lh);
        t.window = new Rectangle(m, t.readout.y - lh, small.stringWidth(t.windowText), lh);
        letter = String.valueOf(o.bottom());
        t.bottom = new Rectangle(W / 2 - big.stringWidth(letter) / 2, t.window.y - bh - 1, big.stringWidth(letter), bh);
        letter = String.valueOf(o.left());
        t.left = new Rectangle(m, H / 2 - bh / 2, big.stringWidth(letter), bh);
        int rightEdge = W - m;
        if (colourBar) {
            int barW = 10;
            int y0 = t.top.y + bh + 2 + lh + small.getAscent() / 2 + 2, y1 = t.bottom.y - lh - 2;
            if (y1 - y0 >= 40) {
                String u = renderer.volume().unit().symbol();
                // a dimensionless map (a mask, a label map) has no unit to name
                t.unitText = u.isEmpty() || renderer.volume().unit() == org.ferrum.core.PhysicalUnit.DIMENSIONLESS
                        ? null
                        : u;
                if (t.unitText != null) {
                    t.unit = new Rectangle(W - m - small.stringWidth(u), t.top.y + bh + 2, small.stringWidth(u), lh);
                }
                t.bar = new Rectangle(W - m - barW, y0, barW, y1 - y0);
                t.upperText = number(window.upper());
                t.lowerText = number(window.lower());
                t.upper = new Rectangle(
                        t.bar.x - 3 - small.stringWidth(t.upperText),
                        y0 - small.getAscent() / 2,
                        small.stringWidth(t.upperText),
                        lh);
                t.lower = new Rectangle(
                        t.bar.x - 3 - small.stringWidth(t.lowerText),
                        y1 - lh + small.getDescent(),
                        small.stringWidth(t.lowerText),
                        lh);
                rightEdge = t.bar.x - 4;
            }
        }
        letter = String.valueOf(o.right());
        t.right = new Rectangle(rightEdge - big.stringWidth(letter), H / 2 - bh / 2, big.stringWidth(letter), bh);
        return t;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    // --- context menu (right click without dragging; right drag stays window/level)

    /** Names of the context menu's items (component names, for GUI tests). */
    public static final String SAVE_PNG = "viewer.savePng",
            HISTOGRAM = "viewer.histogram",
            UNDO = "viewer.undo",
            REDO = "viewer.redo";

    /** The context menu: Save view as PNG…, Histogram…, Undo and Redo of ROI edits. */
    public javax.swing.JPopupMenu popupMenu() {
        javax.swing.JPopupMenu menu = new javax.swing.JPopupMenu();
        menu.setName("viewer.popup");
        javax.swing.JMenuItem png = new javax.swing.JMenuItem("Save view as PNG…");
        png.setName(SAVE_PNG);
        png.addActionListener(e -> ViewActions.savePng(this));
        menu.add(png);
        javax.swing.JMenuItem hist = new javax.swing.JMenuItem("Histogram…");
        hist.setName(HISTOGRAM);
        hist.addActionListener(e -> ViewActions.showHistogram(this));
        menu.add(hist);
        menu.addSeparator();
        javax.swing.JMenuItem undo =
                new javax.swing.JMenuItem(link.canUndo() ? "Undo " + link.undoDescription() : "Undo");
        undo.setName(UNDO);
        undo.setEnabled(link.canUndo());
        undo.addActionListener(e -> link.undo());
        menu.add(undo);
        javax.swing.JMenuItem redo = new javax.swing.JMenuItem("Redo");
        redo.setName(REDO);
        redo.setEnabled(link.canRedo());
        redo.addActionListener(e -> link.redo());
        menu.add(redo);
        return menu;
    }

    // --- export

    /** What the view shows now, at its size (image, ROI and overlays, crosshair, text, colour bar). */
    public BufferedImage snapshot() {
        int w = Math.max(1, getWidth()), h = Math.max(1, getHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paintComponent(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes {@link #snapshot()} as PNG. */
    public void writePng(java.nio.file.Path file) throws java.io.IOException {
        if (!javax.imageio.ImageIO.write(snapshot(), "png", file.toFile())) {
            throw new java.io.IOException("no PNG writer available");
        }
    }

    private final class Mouse extends MouseAdapter {
        private int pressX, pressY;
        private boolean dragged;
        private WindowLevel pressWindow;
        private Point2D.Double pressPan;

        @Override
        public void mousePressed(MouseEvent e) {
            requestFocusInWindow();
            if (drawing(e)) {
                roiPressed(e);
                return;
            }
            pressX = e.getX();
            pressY = e.getY();
            dragged = false;
            pressWindow = window;
            pressPan = link.pan(plane);
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            if (drawing(e)) {
                roiDragged(e);
                return;
            }
            int dx = e.getX() - pressX, dy = e.getY() - pressY;
            if (Math.abs(dx) + Math.abs(dy) < 3 && !dragged) {
                return; // a click with a trembling hand is still a click
            }
            dragged = true;
            if (SwingUtilities.isRightMouseButton(e)) {
                // one view width of drag changes the width by ×e, one height moves the centre by one width
                double width = pressWindow.width() * Math.exp(dx / (double) Math.max(1, getWidth()));
                double centre = pressWindow.centre() - dy / (double) Math.max(1, getHeight()) * pressWindow.width();
                setWindow(new WindowLevel(centre, width));
            } else if (SwingUtilities.isLeftMouseButton(e)) {
                link.setPan(plane, pressPan.x + dx, pressPan.y + dy);
            }
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            if (drawing(e)) {
                roiReleased(e);
                return;
            }
            if (!dragged && SwingUtilities.isLeftMouseButton(e)) {
                moveCursorTo(e.getX(), e.getY());
            } else if (!dragged && SwingUtilities.isRightMouseButton(e)) {
                popupMenu().show(SliceView.this, e.getX(), e.getY());
            }
        }

        @Override
        public void mouseWheelMoved(MouseWheelEvent e) {
            if ((e.getModifiersEx() & InputEvent.CTRL_DOWN_MASK) != 0) {
                link.setZoom(link.zoom() * Math.pow(1.15, -e.getWheelRotation()));
            } else {
                stepSlice(-e.getWheelRotation());
            }
        }
    }

    // --- ROI drawing

    private boolean drawing(MouseEvent e) {
        return link.roiTool() != RoiTool.NONE && SwingUtilities.isLeftMouseButton(e);
    }

    /** Component point (x, y) in fractional display pixels (column, row); may lie outside the image. */
    Point2D.Double imagePointAt(double x, double y) {
        double[] l = imagePlacement();
        return new Point2D.Double((x - l[0]) / l[2], (y - l[1]) / l[3]);
    }

    private void roiPressed(MouseEvent e) {
        if (brushing()) {
            strokeBegin(e.getX(), e.getY());
            return;
        }
        RoiTool tool = link.roiTool();
        if (sketchTool != tool) {
            sketch.clear();
            sketchTool = tool;
        }
        Point2D.Double p = imagePointAt(e.getX(), e.getY());
        if (tool == RoiTool.ELLIPSE || tool == RoiTool.GROW_NUCLEUS) {
            sketch.clear();
            sketch.add(p);
            sketch.add((Point2D.Double) p.clone());
        } else if (tool == RoiTool.POLYGON) {
            // the second press of a double-click lands on the vertex just added: do not add it twice
            if (sketch.isEmpty() || sketch.get(sketch.size() - 1).distance(p) > 1e-9) {
                sketch.add(p);
            }
            if (e.getClickCount() >= 2 && sketch.size() >= 3) {
                closePolygon();
            }
        } else if (tool == RoiTool.FREEHAND) {
            sketch.clear();
            sketch.add(p);
        }
        repaint();
    }

    /** The sketched outline (at least 3 points) becomes the ROI on this slice; the sketch is cleared either way. */
    private void closePolygon() {
        if (sketch.size() >= 3) {
            double[] cols = new double[sketch.size()], rows = new double[sketch.size()];
            for (int n = 0; n < cols.length; n++) {
                cols[n] = sketch.get(n).x;
                rows[n] = sketch.get(n).y;
            }
            Volume<FloatType> labels = freshRoi();
            RoiDrawing.polygon(labels, renderer, plane, sliceIndex(), cols, rows, link.activeLabel());
            link.replaceLabel(labels, link.activeLabel(), sketchTool + " " + labelName());
        }
        sketch.clear();
    }

    private void roiDragged(MouseEvent e) {
        if (brushing()) {
            strokeTo(e.getX(), e.getY());
            return;
        }
        if ((sketchTool == RoiTool.ELLIPSE || sketchTool == RoiTool.GROW_NUCLEUS) && sketch.size() == 2) {
            sketch.set(1, imagePointAt(e.getX(), e.getY()));
            repaint();
        } else if (sketchTool == RoiTool.FREEHAND && !sketch.isEmpty()) {
            Point2D.Double p = imagePointAt(e.getX(), e.getY());
            // keep points a quarter pixel apart: a trace, not thousands of duplicates
            if (sketch.get(sketch.size() - 1).distance(p) > 0.25) {
                sketch.add(p);
            }
            repaint();
        }
    }

    private void roiReleased(MouseEvent e) {
        if (brushing()) {
            strokeEnd();
            return;
        }
        RoiTool tool = link.roiTool();
        if (tool == RoiTool.FREEHAND && sketchTool == RoiTool.FREEHAND) {
            closePolygon();
            repaint();
            return;
        }
        if (tool == RoiTool.GROW_NUCLEUS && sketchTool == RoiTool.GROW_NUCLEUS && sketch.size() == 2) {
            Point2D.Double a = sketch.get(0), b = imagePointAt(e.getX(), e.getY());
            sketch.clear();
            growNucleus(a, b);
            repaint();
            return;
        }
        if (tool == RoiTool.ELLIPSE && sketchTool == RoiTool.ELLIPSE && sketch.size() == 2) {
            Point2D.Double a = sketch.get(0), b = imagePointAt(e.getX(), e.getY());
            sketch.clear();
            double semiA = Math.abs(b.x - a.x) / 2, semiB = Math.abs(b.y - a.y) / 2;
            if (semiA > 0 && semiB > 0) {
                Volume<FloatType> labels = freshRoi();
                RoiDrawing.ellipse(
                        labels,
                        renderer,
                        plane,
                        sliceIndex(),
                        (a.x + b.x) / 2,
                        (a.y + b.y) / 2,
                        semiA,
                        semiB,
                        link.activeLabel());
                link.replaceLabel(labels, link.activeLabel(), "ellipse " + labelName());
            }
            repaint();
        } else if (tool == RoiTool.SPHERE) {
            int[] px = pixelAt(e.getX(), e.getY());
            if (px != null) {
                // centre on the clicked voxel's centre so the sphere is symmetric about a voxel
                double[] centre = renderer.patientOf(renderer.voxelAt(plane, sliceIndex(), px[0], px[1]));
                Volume<FloatType> labels = freshRoi();
                RoiDrawing.sphere(labels, centre, link.sphereRadiusMm(), link.activeLabel());
                link.replaceLabel(labels, link.activeLabel(), "sphere " + labelName());
            }
        }
    }

    /**
     * Grows a nucleus from display points a to b (less than a pixel apart: a click, else a box) on this view's map;
     * the outcome is shown in the ROI editor ({@link NucleusGrowTool#status}), a failure also in a message box.
     */
    private void growNucleus(Point2D.Double a, Point2D.Double b) {
        double[] pa = patientAtPixel(a), pb = a.distance(b) < 1 ? pa : patientAtPixel(b);
        try {
            NucleusGrowTool.grow(link, renderer.volume(), pa, pb);
        } catch (IllegalArgumentException ex) {
            if (!java.awt.GraphicsEnvironment.isHeadless()) {
                javax.swing.JOptionPane.showMessageDialog(
                        this, ex.getMessage(), "Grow nucleus", javax.swing.JOptionPane.WARNING_MESSAGE);
            }
        }
    }

    /** Patient position (mm LPS) of the voxel centre under display point p (clamped into the slice). */
    double[] patientAtPixel(Point2D.Double p) {
        int c = (int) Math.max(0, Math.min(renderer.width(plane) - 1, Math.floor(p.x)));
        int r = (int) Math.max(0, Math.min(renderer.height(plane) - 1, Math.floor(p.y)));
        return renderer.patientOf(renderer.voxelAt(plane, sliceIndex(), c, r));
    }

    private String labelName() {
        int a = link.activeLabel();
        return "'"
                + link.labelTable()
                        .label(a)
                        .map(org.ferrum.io.table.LabelTable.Label::name)
                        .orElse("label " + a) + "'";
    }

    // --- brushes

    private LabelEdit.Recorder stroke;
    private Point2D.Double lastDab;

    private boolean brushing() {
        return link.roiTool() == RoiTool.PAINT || link.roiTool() == RoiTool.ERASE;
    }

    /** Starts a paint or erase stroke at component point (x, y) (a left press with the brush tool). */
    void strokeBegin(double x, double y) {
        if (!GridResampling.sameGrid(link.roiOn(renderer.volume()), renderer.volume())) {
            return; // this view's map is not on the label map's grid
        }
        stroke = new LabelEdit.Recorder(link.roi());
        lastDab = null;
        strokeTo(x, y);
    }

    /** Continues the stroke to (x, y), dabbing along the way so a fast drag leaves no gaps. */
    void strokeTo(double x, double y) {
        if (stroke == null) {
            return;
        }
        Point2D.Double p = imagePointAt(x, y);
        if (lastDab == null) {
            dabAt(p);
        } else {
            double[] vs = renderer.geometry().voxelSize();
            SliceOrientation o = renderer.orientation(plane);
            double stepPx = Math.max(
                    0.5, 0.5 * link.brush().radiusMm() / Math.max(vs[o.horizontalAxis()], vs[o.verticalAxis()]));
            int steps = (int) Math.ceil(lastDab.distance(p) / stepPx);
            for (int s = 1; s <= steps; s++) {
                double t = s / (double) steps;
                dabAt(new Point2D.Double(lastDab.x + t * (p.x - lastDab.x), lastDab.y + t * (p.y - lastDab.y)));
            }
        }
        lastDab = p;
        link.roiPainted();
    }

    private void dabAt(Point2D.Double p) {
        int c = (int) Math.floor(p.x), r = (int) Math.floor(p.y);
        if (c < 0 || r < 0 || c >= renderer.width(plane) || r >= renderer.height(plane)) {
            return;
        }
        long[] voxel = renderer.voxelAt(plane, sliceIndex(), c, r);
        link.brush()
                .dab(
                        stroke,
                        link.roi(),
                        voxel,
                        renderer.orientation(plane).normalAxis(),
                        link.activeLabel(),
                        link.roiTool() == RoiTool.ERASE);
    }

    /** Ends the stroke: one undoable edit. */
    void strokeEnd() {
        if (stroke == null) {
            return;
        }
        LabelEdit edit = stroke.finish(
                (link.roiTool() == RoiTool.ERASE ? "erase " : "paint ") + labelName() + " (" + link.brush() + ")");
        stroke = null;
        lastDab = null;
        link.apply(edit);
    }

    /** An empty label map on this view's grid: a new shape replaces the previous ROI. */
    private Volume<FloatType> freshRoi() {
        return RoiDrawing.emptyLabels(renderer.volume());
    }

    /** Moves the crosshair to component point (x, y) (a left click); nothing happens outside the image. */
    public void moveCursorTo(double x, double y) {
        int[] px = pixelAt(x, y);
        if (px == null) {
            return;
        }
        long[] voxel = renderer.voxelAt(plane, sliceIndex(), px[0], px[1]);
        link.setCursorMm(renderer.patientOf(voxel));
    }
}
