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
package org.ferrum.viewer.compare;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;
import javax.swing.JComponent;
import org.ferrum.viewer.Colormap;
import org.ferrum.viewer.SliceView;
import org.ferrum.viewer.WindowLevel;

/**
 * The colour scale beside a map: the view's colormap from the window's lower edge (bottom) to its upper edge (top), the
 * values at both edges and the centre, and the map's unit above it, so every tile says what its colours mean. Reads the
 * view's window and colormap when painting; the tile repaints it when they change.
 */
public final class ColourBar extends JComponent {

    /** Width of the bar's component. */
    static final int WIDTH = 92;

    private final SliceView view;

    public ColourBar(SliceView view) {
        this.view = view;
        setPreferredSize(new Dimension(WIDTH, 200));
        setMinimumSize(new Dimension(WIDTH, 80));
        setOpaque(true);
        setBackground(Color.BLACK);
    }

    /** The unit shown above the bar ("" for dimensionless maps: "no unit" is shown). */
    public String unitText() {
        String u = view.renderer().volume().unit().symbol();
        return u.isEmpty() ? "no unit" : u;
    }

    /** The three tick labels, top (upper edge), middle, bottom (lower edge). */
    public String[] tickTexts() {
        WindowLevel w = view.window();
        return new String[] {number(w.upper()), number(w.centre()), number(w.lower())};
    }

    /** Four significant digits without trailing zeros (20, 0.125, −0.2), scientific below 0.01 and from 10⁴. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v))
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.WHITE);
            String unit = unitText();
            g.drawString(unit, Math.max(2, (getWidth() - fm.stringWidth(unit)) / 2), fm.getAscent() + 4);
            int top = fm.getHeight() + 12, bottom = getHeight() - 10, barX = 6, barW = 16;
            int h = bottom - top;
            if (h < 20) {
                return;
            }
            Colormap c = view.colormap();
            for (int y = 0; y < h; y++) {
                int index = (int) Math.round(255.0 * (h - 1 - y) / Math.max(1, h - 1));
                g.setColor(new Color(c.argb(index)));
                g.drawLine(barX, top + y, barX + barW, top + y);
            }
            g.setColor(Color.GRAY);
            g.drawRect(barX, top, barW, h - 1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            fm = g.getFontMetrics();
            String[] ticks = tickTexts();
            int[] ys = {top, top + h / 2, bottom - 1};
            g.setColor(Color.WHITE);
            for (int i = 0; i < 3; i++) {
                g.drawLine(barX + barW, ys[i], barX + barW + 4, ys[i]);
                int baseline = Math.min(bottom, Math.max(top + fm.getAscent() / 2, ys[i] + fm.getAscent() / 2 - 1));
                g.drawString(ticks[i], barX + barW + 6, baseline);
            }
        } finally {
            g.dispose();
        }
    }
}
