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

import java.util.List;
import java.util.Objects;

/**
 * A colour look-up table of 256 opaque ARGB entries: index 0 is the colour of the window's lower edge,
 * index 255 of its upper edge (see {@link WindowLevel#index(double)}). Colormaps are data: each is built
 * once from a few anchor colours interpolated linearly in sRGB.
 *
 * <p>The diverging map is meant for susceptibility (χ), whose sign matters: with a window centred on 0,
 * χ = 0 falls on the two middle entries 127 and 128, which are both pure white; negative (diamagnetic)
 * values go blue, positive (paramagnetic, e.g. iron) go red.
 */
public final class Colormap {

    /** Black to white. */
    public static final Colormap GREY = ofAnchors("grey", 0x000000, 0xFFFFFF);

    /** Black, red, yellow, white: each channel ramps up over a third of the range in turn. */
    public static final Colormap HOT = hot();

    /**
     * Viridis (perceptually uniform; van der Walt &amp; Smith 2015, released CC0): nine evenly spaced
     * anchor colours of the published map, interpolated.
     */
    public static final Colormap VIRIDIS = ofAnchors(
            "viridis", 0x440154, 0x472C7A, 0x3B518B, 0x2C718E, 0x21908D, 0x27AD81, 0x5CC863, 0xAADC32, 0xFDE725);

    /** Blue, white, red, with white on entries 127 and 128 so that 0 is white in a window centred on 0. */
    public static final Colormap DIVERGING = diverging();

    /** All built-in colormaps, in menu order. */
    public static final List<Colormap> ALL = List.of(GREY, HOT, VIRIDIS, DIVERGING);

    private final String name;
    private final int[] lut;

    private Colormap(String name, int[] lut) {
        this.name = name;
        this.lut = lut;
    }

    /**
     * A colormap from 256 ARGB entries (alpha forced to opaque).
     *
     * @throws IllegalArgumentException if there are not 256 entries
     */
    public static Colormap of(String name, int[] argb) {
        if (argb.length != 256) {
            throw new IllegalArgumentException("a colormap has 256 entries, got " + argb.length);
        }
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = 0xFF000000 | argb[i];
        }
        return new Colormap(Objects.requireNonNull(name), lut);
    }

    /** A colormap interpolating linearly between evenly spaced RGB anchors (first at 0, last at 255). */
    public static Colormap ofAnchors(String name, int... rgb) {
        if (rgb.length < 2) {
            throw new IllegalArgumentException("a colormap needs at least two anchors");
        }
        int[] lut = new int[256];
        int segments = rgb.length - 1;
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * segments;
            int s = Math.min((int) t, segments - 1);
            lut[i] = mix(rgb[s], rgb[s + 1], t - s);
        }
        return of(name, lut);
    }

    /** The name shown in menus. */
    public String name() {
        return name;
    }

    /** The opaque ARGB colour of entry {@code index} (0–255). */
    public int argb(int index) {
        return lut[index];
    }

    /** The table itself, for tight loops; callers must not write to it. */
    int[] table() {
        return lut;
    }

    /** The built-in colormap with that name (case-insensitive). */
    public static Colormap named(String name) {
        for (Colormap c : ALL) {
            if (c.name.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown colormap '" + name + "' (known: grey, hot, viridis, diverging)");
    }

    @Override
    public String toString() {
        return name;
    }

    private static Colormap hot() {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            int r = channel(3 * t);
            int g = channel(3 * t - 1);
            int b = channel(3 * t - 2);
            lut[i] = (r << 16) | (g << 8) | b;
        }
        return of("hot", lut);
    }

    private static Colormap diverging() {
        int blue = 0x2166AC, white = 0xFFFFFF, red = 0xB2182B;
        int[] lut = new int[256];
        for (int i = 0; i < 128; i++) {
            lut[i] = mix(blue, white, i / 127.0);
            lut[255 - i] = mix(red, white, i / 127.0);
        }
        return of("diverging", lut);
    }

    private static int channel(double t) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }

    static int mix(int rgbA, int rgbB, double t) {
        int r = (int) Math.round(((rgbA >> 16) & 0xFF) * (1 - t) + ((rgbB >> 16) & 0xFF) * t);
        int g = (int) Math.round(((rgbA >> 8) & 0xFF) * (1 - t) + ((rgbB >> 8) & 0xFF) * t);
        int b = (int) Math.round((rgbA & 0xFF) * (1 - t) + (rgbB & 0xFF) * t);
        return (r << 16) | (g << 8) | b;
    }
}
