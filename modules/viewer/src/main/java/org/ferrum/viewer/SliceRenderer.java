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

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.EnumMap;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;

/**
 * Turns one map into screen images: extracts axial, coronal or sagittal slices (along the index axes
 * nearest to the patient axes, see {@link SliceOrientation}), applies a {@link WindowLevel} and a
 * {@link Colormap}, blends {@link LabelOverlay}s, and converts between display pixels, voxels and
 * patient millimetres. Headless: no window system is touched ({@link BufferedImage} is plain memory).
 *
 * <p>Slice images are in display order: pixel (column, row) is at {@code row · width + column}, column 0
 * on the screen's left, row 0 at the top; one pixel per voxel (the view scales). NaN values are
 * transparent (alpha 0), which the views show as black.
 *
 * <p>Array-backed volumes are read in place; others are copied one frame at a time on first use.
 * Instances are not thread-safe (the views use them on the event thread).
 */
public final class SliceRenderer {

    private final Volume<FloatType> volume;
    private final DisplayConvention convention;
    private final Map<Plane, SliceOrientation> orientations = new EnumMap<>(Plane.class);
    private final int[] size = new int[3];
    private final int[] stride = new int[3];
    private final float[] storage; // whole volume when array-backed, else null
    private float[] cachedFrame;
    private int cachedFrameIndex = -1;

    public SliceRenderer(Volume<FloatType> volume, DisplayConvention convention) {
        this.volume = volume;
        this.convention = convention;
        for (int d = 0; d < 3; d++) {
            size[d] = Math.toIntExact(volume.dimension(d));
        }
        stride[0] = 1;
        stride[1] = size[0];
        stride[2] = size[0] * size[1];
        storage = Volumes.isArrayBacked(volume) ? Volumes.floats(volume) : null;
        for (Plane p : Plane.values()) {
            orientations.put(p, SliceOrientation.of(volume.geometry(), p, convention));
        }
    }

    public Volume<FloatType> volume() {
        return volume;
    }

    public DisplayConvention convention() {
        return convention;
    }

    public SliceOrientation orientation(Plane plane) {
        return orientations.get(plane);
    }

    /** Width of {@code plane}'s slice images in pixels (= voxels). */
    public int width(Plane plane) {
        return size[orientation(plane).horizontalAxis()];
    }

    /** Height of {@code plane}'s slice images in pixels. */
    public int height(Plane plane) {
        return size[orientation(plane).verticalAxis()];
    }

    /** Number of slices along {@code plane}'s normal. */
    public int sliceCount(Plane plane) {
        return size[orientation(plane).normalAxis()];
    }

    /**
     * The values of slice {@code slice} (index along the plane's normal index axis) of frame {@code frame},
     * in display order, into {@code out} (length width·height; allocated if null).
     */
    public float[] extract(Plane plane, int slice, int frame, float[] out) {
        SliceOrientation o = orientation(plane);
        int w = size[o.horizontalAxis()], h = size[o.verticalAxis()];
        if (slice < 0 || slice >= size[o.normalAxis()]) {
            throw new IndexOutOfBoundsException(plane + " slice " + slice + " of " + size[o.normalAxis()]);
        }
        float[] values = out != null ? out : new float[w * h];
        float[] src;
        int offset;
        if (storage != null) {
            src = storage;
            offset = Math.multiplyExact(frame, stride[2] * size[2]);
            if (frame < 0 || frame >= volume.frames()) {
                throw new IndexOutOfBoundsException("frame " + frame + " of " + volume.frames());
            }
        } else {
            src = frame(frame);
            offset = 0;
        }
        int dc = o.horizontalFlip() ? -stride[o.horizontalAxis()] : stride[o.horizontalAxis()];
        int dr = o.verticalFlip() ? -stride[o.verticalAxis()] : stride[o.verticalAxis()];
        int start = offset
                + slice * stride[o.normalAxis()]
                + (o.horizontalFlip() ? (w - 1) * stride[o.horizontalAxis()] : 0)
                + (o.verticalFlip() ? (h - 1) * stride[o.verticalAxis()] : 0);
        int n = 0;
        for (int r = 0; r < h; r++) {
            int p = start + r * dr;
            if (dc == 1) {
                System.arraycopy(src, p, values, n, w);
                n += w;
            } else {
                for (int c = 0; c < w; c++, p += dc) {
                    values[n++] = src[p];
                }
            }
        }
        return values;
    }

    private float[] frame(int t) {
        if (t != cachedFrameIndex) {
            cachedFrame = VolumeArrays.frame(volume, t);
            cachedFrameIndex = t;
        }
        return cachedFrame;
    }

    /**
     * Colours {@code values} through the window and colormap into {@code argb} (same length); NaN becomes
     * transparent (0).
     */
    public static void colour(float[] values, WindowLevel window, Colormap colormap, int[] argb) {
        int[] lut = colormap.table();
        // the contract's floor((v − lower)/width·256), with the division hoisted out of the loop
        double lower = window.lower();
        double scale = 256 / window.width();
        for (int n = 0; n < values.length; n++) {
            float v = values[n];
            if (v != v) {
                argb[n] = 0;
                continue;
            }
            double t = (v - lower) * scale;
            argb[n] = lut[t <= 0 ? 0 : t >= 255 ? 255 : (int) t];
        }
    }

    /**
     * Slice {@code slice} of frame {@code frame} as an ARGB image, windowed, coloured and with the
     * overlays blended in order.
     *
     * @throws IllegalArgumentException if an overlay's grid differs from the map's
     */
    public BufferedImage render(
            Plane plane, int slice, int frame, WindowLevel window, Colormap colormap, LabelOverlay... overlays) {
        BufferedImage image = new BufferedImage(width(plane), height(plane), BufferedImage.TYPE_INT_ARGB);
        renderInto(image, plane, slice, frame, window, colormap, overlays);
        return image;
    }

    /** As {@link #render}, into an existing {@code TYPE_INT_ARGB} image of the slice's size. */
    public void renderInto(
            BufferedImage image,
            Plane plane,
            int slice,
            int frame,
            WindowLevel window,
            Colormap colormap,
            LabelOverlay... overlays) {
        renderInto(image, plane, slice, frame, window, colormap, null, overlays);
    }

    /**
     * As {@link #renderInto(BufferedImage, Plane, int, int, WindowLevel, Colormap, LabelOverlay...)}, with a second
     * image fused over the map ({@link FusionOverlay}, null for none) before the label overlays.
     *
     * @throws IllegalArgumentException if the fusion image's or an overlay's grid differs from the map's
     */
    public void renderInto(
            BufferedImage image,
            Plane plane,
            int slice,
            int frame,
            WindowLevel window,
            Colormap colormap,
            FusionOverlay fusion,
            LabelOverlay... overlays) {
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[] values = extract(plane, slice, frame, scratch(argb.length));
        colour(values, window, colormap, argb);
        if (fusion != null) {
            requireSameGrid(fusion.image(), "the fusion image");
            SliceRenderer second = new SliceRenderer(fusion.image(), convention);
            float[] top =
                    second.extract(plane, slice, Math.min(frame, fusion.image().frames() - 1), null);
            fusion.blendInto(argb, top, width(plane));
        }
        for (LabelOverlay overlay : overlays) {
            SliceRenderer labels = new SliceRenderer(overlay.labels(), convention);
            requireSameGrid(overlay.labels(), "overlay");
            overlay.blendInto(argb, labels.extract(plane, slice, 0, null));
        }
    }

    private float[] scratch;

    private float[] scratch(int n) {
        if (scratch == null || scratch.length != n) {
            scratch = new float[n];
        }
        return scratch;
    }

    /** Throws if {@code other} does not lie on this map's voxel grid (dimensions and affine within 1e-3 mm). */
    void requireSameGrid(Volume<?> other, String what) {
        for (int d = 0; d < 3; d++) {
            if (other.dimension(d) != size[d]) {
                throw new IllegalArgumentException(what + " has " + other.dimension(0) + "×" + other.dimension(1) + "×"
                        + other.dimension(2) + " voxels, the map " + size[0] + "×" + size[1] + "×" + size[2]);
            }
        }
        if (!other.geometry().approximatelyEquals(volume.geometry(), 1e-3)) {
            throw new IllegalArgumentException(
                    what + " is placed differently from the map: " + other.geometry() + " vs " + volume.geometry());
        }
    }

    /** The voxel shown at display pixel (column, row) of {@code plane}'s slice {@code slice}. */
    public long[] voxelAt(Plane plane, int slice, int column, int row) {
        SliceOrientation o = orientation(plane);
        long[] v = new long[3];
        v[o.horizontalAxis()] = o.horizontalFlip() ? size[o.horizontalAxis()] - 1 - column : column;
        v[o.verticalAxis()] = o.verticalFlip() ? size[o.verticalAxis()] - 1 - row : row;
        v[o.normalAxis()] = slice;
        return v;
    }

    /** Display position {column, row, slice} of voxel {@code voxel} in {@code plane} (inverse of {@link #voxelAt}). */
    public int[] displayPosition(Plane plane, long[] voxel) {
        SliceOrientation o = orientation(plane);
        int h = (int) voxel[o.horizontalAxis()], v = (int) voxel[o.verticalAxis()];
        return new int[] {
            o.horizontalFlip() ? size[o.horizontalAxis()] - 1 - h : h,
            o.verticalFlip() ? size[o.verticalAxis()] - 1 - v : v,
            (int) voxel[o.normalAxis()]
        };
    }

    /** The voxel whose centre is nearest to the patient point {@code mm} (LPS), or null if outside the volume. */
    public long[] voxelOf(double[] mm) {
        double[] f = volume.geometry().toVoxel(mm[0], mm[1], mm[2]);
        long[] v = new long[3];
        for (int d = 0; d < 3; d++) {
            v[d] = Math.round(f[d]);
            if (v[d] < 0 || v[d] >= size[d]) {
                return null;
            }
        }
        return v;
    }

    /** Centre of voxel {@code voxel} in patient mm (LPS). */
    public double[] patientOf(long[] voxel) {
        return volume.geometry().toPatient(voxel[0], voxel[1], voxel[2]);
    }

    /** The value of voxel {@code voxel} in frame {@code frame}. */
    public double valueAt(long[] voxel, int frame) {
        int idx = (int) (voxel[0] * stride[0] + voxel[1] * stride[1] + voxel[2] * stride[2]);
        if (storage != null) {
            return storage[frame * stride[2] * size[2] + idx];
        }
        return frame(frame)[idx];
    }

    /** Voxel, millimetres and value with unit at {@code voxel}. */
    public CursorReadout readout(long[] voxel, int frame) {
        double value = valueAt(voxel, frame);
        CursorReadout r = new CursorReadout(voxel.clone(), patientOf(voxel), frame, value, volume.unit());
        return volume.labels().isEmpty() ? r : r.withLabel(labelText(volume.labels(), value));
    }

    /**
     * A label value with its legend's name, {@code "12 Left-Putamen"} ({@code "7 label 7"} for a value the legend does
     * not name); empty for 0, NaN and values that are not whole numbers.
     */
    static String labelText(org.ferrum.core.labels.LabelTable legend, double value) {
        if (!(value > 0) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            return "";
        }
        int v = (int) value;
        return v + " " + legend.name(v);
    }

    /** The volume's geometry (shortcut). */
    public Geometry geometry() {
        return volume.geometry();
    }

    /**
     * The window for this map: the unit's preset if it has one and the data mostly fit it, else 2–98 percentile of frame
     * 0 (kept centred on 0 when the preset is, as for χ). "Mostly fit": the 2–98 percentile range lies within twice the
     * preset's width of its centre. The χ preset
     * (±0.2 ppm, brain) would saturate an iron-loaded liver (χ ≈ 2 ppm), so such a map opens on its own range instead.
     */
    public WindowLevel defaultWindow() {
        java.util.Optional<WindowLevel> preset = WindowLevel.presetFor(volume.unit());
        if (preset.isEmpty()) {
            return autoWindow();
        }
        WindowLevel auto = autoWindow();
        WindowLevel p = preset.get();
        boolean fits = auto.lower() >= p.centre() - p.width() && auto.upper() <= p.centre() + p.width();
        if (fits) {
            return p;
        }
        if (p.centre() == 0) {
            // a preset centred on 0 (χ) keeps 0 in the middle, where the diverging colormap is white
            double half = Math.max(Math.abs(auto.lower()), Math.abs(auto.upper()));
            return new WindowLevel(0, 2 * half);
        }
        return auto;
    }

    /** The 2–98 percentile window of frame 0 (sampled to at most 1,000,000 values). */
    public WindowLevel autoWindow() {
        float[] values = storage != null && volume.frames() == 1 ? storage : VolumeArrays.frame(volume, 0);
        return WindowLevel.auto(values, 1_000_000);
    }
}
