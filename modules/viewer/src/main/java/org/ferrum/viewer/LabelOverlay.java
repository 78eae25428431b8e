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

import java.util.Map;
import java.util.TreeMap;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A label map or mask drawn over a map: voxels with label ℓ ≠ 0 take label ℓ's colour blended with the
 * map's colour, {@code out = round((1 − opacity)·map + opacity·label)} per channel; label 0 and NaN
 * leave the map as it is. A mask is a label map with label 1.
 *
 * @param labels  label values (rounded to integers), on the same voxel grid as the map it is drawn over
 * @param colours RGB per label; labels without an entry take a colour from {@link #DEFAULT_COLOURS}
 * @param opacity 0 (invisible) … 1 (label colour only)
 * @param binary  true for a mask: every non-zero value is label 1
 */
public record LabelOverlay(Volume<FloatType> labels, Map<Integer, Integer> colours, double opacity, boolean binary) {

    /** Distinct colours for labels 1, 2, 3, … (cycled): red, green, blue, yellow, magenta, cyan, orange. */
    public static final int[] DEFAULT_COLOURS = {0xFF0000, 0x00C000, 0x3070FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0xFF8000};

    public LabelOverlay {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
        colours = Map.copyOf(colours);
    }

    /** A mask (non-zero = inside) in one colour. */
    public static LabelOverlay mask(Volume<FloatType> mask, int rgb, double opacity) {
        return new LabelOverlay(mask, Map.of(1, rgb), opacity, true);
    }

    /** A label map with the default colours. */
    public static LabelOverlay labels(Volume<FloatType> labels, double opacity) {
        return new LabelOverlay(labels, new TreeMap<>(), opacity, false);
    }

    /** The RGB colour of {@code label} (≠ 0). */
    public int colourOf(int label) {
        Integer c = colours.get(label);
        if (c != null) {
            return c;
        }
        return DEFAULT_COLOURS[Math.floorMod(label - 1, DEFAULT_COLOURS.length)];
    }

    /** Blends this overlay's slice {@code labelSlice} (same layout as {@code argb}) into {@code argb}. */
    public void blendInto(int[] argb, float[] labelSlice) {
        double a = opacity;
        for (int n = 0; n < argb.length; n++) {
            float l = labelSlice[n];
            if (l == 0 || Float.isNaN(l)) {
                continue;
            }
            int base = argb[n];
            if ((base >>> 24) == 0) {
                base = 0xFF000000; // a transparent (NaN) map pixel is shown black: blend over black
            }
            int c = colourOf(binary ? 1 : Math.round(l));
            int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - a) + ((c >> 16) & 0xFF) * a);
            int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - a) + ((c >> 8) & 0xFF) * a);
            int b = (int) Math.round((base & 0xFF) * (1 - a) + (c & 0xFF) * a);
            argb[n] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
    }
}
