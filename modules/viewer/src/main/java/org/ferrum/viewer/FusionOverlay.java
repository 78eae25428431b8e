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

import java.util.Locale;
import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A second image drawn over the map, for checking a registration: the moving image (resampled onto the fixed grid by
 * {@code registration.apply}, or nearest-neighbour here by {@link #onto}) over the fixed image.
 *
 * <p>Contract, per display pixel whose fused value is a number (a NaN — outside the moving image — leaves the map as it
 * is): the fused value is coloured through its own {@code window} and {@code colormap}; in {@link Mode#BLEND}
 * {@code out = round((1 − opacity)·map + opacity·fused)} per channel; in {@link Mode#CHECKERBOARD} the slice is tiled
 * in squares of {@code tile} display pixels, and tiles with (column ÷ tile + row ÷ tile) odd show the fused image
 * alone (opacity 1), the others the map — so edges that continue across tile borders mean the images agree.
 *
 * @param image    the image fused over the map, on the map's grid (3-D, or 4-D: the map's frame, or its last)
 * @param name     what it is, for the view's caption
 * @param window   window of the fused values
 * @param colormap colours of the fused values
 * @param opacity  0 … 1, in {@link Mode#BLEND}
 * @param mode     blend or checkerboard
 * @param tile     checkerboard square side in display pixels (≥ 1)
 */
public record FusionOverlay(
        Volume<FloatType> image,
        String name,
        WindowLevel window,
        Colormap colormap,
        double opacity,
        Mode mode,
        int tile) {

    /** How the two images are combined. */
    public enum Mode {
        BLEND("Blend"),
        CHECKERBOARD("Checkerboard");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Opacity of a new fusion: both images equally visible. */
    public static final double DEFAULT_OPACITY = 0.5;
    /** Checkerboard square of a new fusion, in display pixels (voxels of the slice). */
    public static final int DEFAULT_TILE = 16;

    public FusionOverlay {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(mode, "mode");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("fusion opacity must be in [0, 1], got " + opacity);
        }
        if (tile < 1) {
            throw new IllegalArgumentException("checkerboard tile must be ≥ 1 pixel, got " + tile);
        }
    }

    /**
     * {@code moving} fused over {@code fixed}: put on the fixed grid ({@link GridResampling#onto}: as it is when the
     * grids agree, else nearest neighbour, NaN outside), windowed on its own range ({@code SliceRenderer}'s default
     * window), hot colours, half opacity, blended.
     *
     * @throws GridResampling.GeometryMismatchException if the two do not overlap in the patient
     */
    public static FusionOverlay onto(NamedVolume fixed, NamedVolume moving) {
        NamedVolume on = GridResampling.onto(fixed, moving);
        WindowLevel w = new SliceRenderer(on.volume(), DisplayConvention.RADIOLOGICAL).defaultWindow();
        return new FusionOverlay(
                on.volume(), moving.name(), w, Colormap.HOT, DEFAULT_OPACITY, Mode.BLEND, DEFAULT_TILE);
    }

    public FusionOverlay withOpacity(double value) {
        return new FusionOverlay(image, name, window, colormap, value, mode, tile);
    }

    public FusionOverlay withMode(Mode value) {
        return new FusionOverlay(image, name, window, colormap, opacity, value, tile);
    }

    public FusionOverlay withColormap(Colormap value) {
        return new FusionOverlay(image, name, window, value, opacity, mode, tile);
    }

    public FusionOverlay withWindow(WindowLevel value) {
        return new FusionOverlay(image, name, value, colormap, opacity, mode, tile);
    }

    public FusionOverlay withTile(int value) {
        return new FusionOverlay(image, name, window, colormap, opacity, mode, value);
    }

    /**
     * Fuses {@code values} (the fused image's slice, row-major, {@code width} pixels a row, the layout of
     * {@code argb}) into {@code argb} as the class comment says.
     */
    public void blendInto(int[] argb, float[] values, int width) {
        int[] fused = new int[values.length];
        SliceRenderer.colour(values, window, colormap, fused);
        for (int n = 0; n < argb.length; n++) {
            if (values[n] != values[n]) {
                continue; // NaN: outside the fused image
            }
            double a;
            if (mode == Mode.CHECKERBOARD) {
                int column = n % width, row = n / width;
                a = ((column / tile + row / tile) & 1) == 1 ? 1 : 0;
            } else {
                a = opacity;
            }
            if (a == 0) {
                continue;
            }
            int base = argb[n];
            if ((base >>> 24) == 0) {
                base = 0xFF000000; // a NaN map pixel: fuse over black
            }
            int c = fused[n];
            int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - a) + ((c >> 16) & 0xFF) * a);
            int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - a) + ((c >> 8) & 0xFF) * a);
            int b = (int) Math.round((base & 0xFF) * (1 - a) + (c & 0xFF) * a);
            argb[n] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
    }

    /** A caption, e.g. {@code "fused: moving (blend 50 %)"}. */
    public String caption() {
        return "fused: " + name + " ("
                + (mode == Mode.BLEND
                        ? String.format(Locale.ROOT, "blend %d %%", Math.round(opacity * 100))
                        : "checkerboard " + tile + " px")
                + ")";
    }
}
