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

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class SliceRendererTest {

    /** A volume whose value at (i, j, k[, t]) is 100·i + 10·j + k (+ 1000·t). */
    static Volume<FloatType> ramp(Geometry g, PhysicalUnit unit, long... dims) {
        Volume<FloatType> v = Volumes.createFloat(dims, g, unit);
        float[] a = Volumes.floats(v);
        int nx = (int) dims[0], ny = (int) dims[1], nz = (int) dims[2], nt = dims.length > 3 ? (int) dims[3] : 1;
        for (int t = 0, n = 0; t < nt; t++)
            for (int k = 0; k < nz; k++)
                for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) a[n++] = 100 * i + 10 * j + k + 1000 * t;
        return v;
    }

    static Volume<FloatType> constant(float value, long... dims) {
        Volume<FloatType> v = Volumes.createFloat(dims, Geometry.identity(), PhysicalUnit.ARBITRARY);
        java.util.Arrays.fill(Volumes.floats(v), value);
        return v;
    }

    @Test
    void windowCentreIsMidGreyAndEdgesAreBlackAndWhite() {
        WindowLevel w = new WindowLevel(100, 200);
        float[] values = {100, 0, 200, -50, 1e6f, Float.NaN};
        int[] argb = new int[values.length];
        SliceRenderer.colour(values, w, Colormap.GREY, argb);
        assertEquals(0xFF808080, argb[0], "centre -> entry 128");
        assertEquals(0xFF000000, argb[1], "lower edge -> black");
        assertEquals(0xFFFFFFFF, argb[2], "upper edge -> white");
        assertEquals(0xFF000000, argb[3], "below the window clamps to black");
        assertEquals(0xFFFFFFFF, argb[4], "above clamps to white");
        assertEquals(0, argb[5], "NaN is transparent");
        assertEquals(128, w.index(100));
        assertEquals(127, w.index(99.3), "(99.3 - 0)/200*256 = 127.1 -> 127");
    }

    @Test
    void colormapEndpoints() {
        assertEquals(0xFF000000, Colormap.HOT.argb(0));
        assertEquals(0xFFFFFFFF, Colormap.HOT.argb(255));
        assertEquals(0xFFFF0000, Colormap.HOT.argb(85), "a third of the way: pure red");
        assertEquals(0xFF440154, Colormap.VIRIDIS.argb(0));
        assertEquals(0xFFFDE725, Colormap.VIRIDIS.argb(255));
        assertEquals(0xFF2166AC, Colormap.DIVERGING.argb(0));
        assertEquals(0xFFB2182B, Colormap.DIVERGING.argb(255));
        assertEquals(256, Colormap.ALL.stream().mapToInt(c -> 256).max().getAsInt());
    }

    @Test
    void divergingMapShowsZeroSusceptibilityAsWhite() {
        WindowLevel chi = WindowLevel.presetFor(PhysicalUnit.PPM).orElseThrow();
        assertEquals(0, chi.centre(), 1e-12);
        assertEquals(0.4, chi.width(), 1e-12);
        int[] argb = new int[3];
        SliceRenderer.colour(new float[] {0f, -0.2f, 0.2f}, chi, Colormap.DIVERGING, argb);
        assertEquals(0xFFFFFFFF, argb[0]);
        assertEquals(0xFF2166AC, argb[1]);
        assertEquals(0xFFB2182B, argb[2]);
        // just below zero is still on a white entry (127)
        assertEquals(127, chi.index(-1e-4));
        assertEquals(0xFFFFFFFF, Colormap.DIVERGING.argb(127));
    }

    @Test
    void presetsPerUnitAndAutoPercentiles() {
        assertEquals(
                WindowLevel.ofRange(0, 500),
                WindowLevel.presetFor(PhysicalUnit.PER_SECOND).orElseThrow());
        assertEquals(
                WindowLevel.ofRange(0, 20),
                WindowLevel.presetFor(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT).orElseThrow());
        assertEquals(
                WindowLevel.ofRange(0, 50),
                WindowLevel.presetFor(PhysicalUnit.PERCENT).orElseThrow());
        assertTrue(WindowLevel.presetFor(PhysicalUnit.ARBITRARY).isEmpty());
        // issue 17: T1 0–3 s, Ktrans-type 0–0.5 /min, ADC 0–3·10⁻³ mm²/s, concentration 0–2 mM
        assertEquals(3, WindowLevel.presetFor(PhysicalUnit.SECOND).orElseThrow().upper(), 1e-12);
        assertEquals(
                0.5,
                WindowLevel.presetFor(PhysicalUnit.PER_MINUTE).orElseThrow().upper(),
                1e-12);
        assertEquals(
                3e-3,
                WindowLevel.presetFor(PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND)
                        .orElseThrow()
                        .upper(),
                1e-15);
        assertEquals(
                0, WindowLevel.presetFor(PhysicalUnit.MILLIMOLAR).orElseThrow().lower(), 1e-12);
        assertEquals(
                2, WindowLevel.presetFor(PhysicalUnit.MILLIMOLAR).orElseThrow().upper(), 1e-12);
        float[] v = new float[103];
        for (int i = 0; i <= 100; i++) {
            v[i] = 100 - i; // 0..100, shuffled order does not matter
        }
        v[101] = Float.NaN;
        v[102] = Float.POSITIVE_INFINITY;
        WindowLevel auto = WindowLevel.auto(v, 1_000_000);
        // definition 7: h = (101 - 1)·0.02 = 2 -> 2; h = 98 -> 98
        assertEquals(2, auto.lower(), 1e-9);
        assertEquals(98, auto.upper(), 1e-9);
    }

    @Test
    void identityAffineOrientationLabelsRadiologicalAndNeurological() {
        SliceOrientation ax = SliceOrientation.of(Geometry.identity(), Plane.AXIAL, DisplayConvention.RADIOLOGICAL);
        assertEquals("R L A P", labels(ax));
        assertEquals(0, ax.horizontalAxis());
        assertFalse(ax.horizontalFlip());
        assertEquals(1, ax.verticalAxis());
        assertFalse(ax.verticalFlip());
        assertEquals(2, ax.normalAxis());
        SliceOrientation cor = SliceOrientation.of(Geometry.identity(), Plane.CORONAL, DisplayConvention.RADIOLOGICAL);
        assertEquals("R L S I", labels(cor));
        assertTrue(cor.verticalFlip(), "k grows superior, screen rows grow inferior");
        SliceOrientation sag = SliceOrientation.of(Geometry.identity(), Plane.SAGITTAL, DisplayConvention.RADIOLOGICAL);
        assertEquals("A P S I", labels(sag));
        SliceOrientation neuro = SliceOrientation.of(Geometry.identity(), Plane.AXIAL, DisplayConvention.NEUROLOGICAL);
        assertEquals("L R A P", labels(neuro));
        assertTrue(neuro.horizontalFlip());
    }

    @Test
    void rasStoredVolumeIsFlippedOntoTheSameScreenOrientation() {
        // NIfTI-style RAS identity: i grows to the patient's right, j anteriorly
        Geometry ras = Geometry.fromRas(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        assertEquals("RAS", ras.orientationCode());
        SliceRenderer lps = new SliceRenderer(
                ramp(Geometry.identity(), PhysicalUnit.ARBITRARY, 3, 2, 1), DisplayConvention.RADIOLOGICAL);
        SliceRenderer flipped =
                new SliceRenderer(ramp(ras, PhysicalUnit.ARBITRARY, 3, 2, 1), DisplayConvention.RADIOLOGICAL);
        SliceOrientation o = flipped.orientation(Plane.AXIAL);
        assertEquals("R L A P", labels(o), "labels name the patient, whatever the storage order");
        assertTrue(o.horizontalFlip());
        assertTrue(o.verticalFlip());
        float[] a = lps.extract(Plane.AXIAL, 0, 0, null);
        float[] b = flipped.extract(Plane.AXIAL, 0, 0, null);
        // LPS: top-left is voxel (0,0) = the most right-anterior; RAS: the most right-anterior is (2,1)
        assertArrayEquals(new float[] {0, 100, 200, 10, 110, 210}, a);
        assertArrayEquals(new float[] {210, 110, 10, 200, 100, 0}, b);
    }

    @Test
    void obliqueVolumeUsesTheNearestIndexAxis() {
        // in-plane rotation by 60° about z: i = (cos60, sin60, 0) is nearer to y (P), j = (−sin60, cos60, 0) to x (R)
        double c = Math.cos(Math.toRadians(60)), s = Math.sin(Math.toRadians(60));
        Geometry g = Geometry.ofAffine(c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0);
        SliceOrientation ax = SliceOrientation.of(g, Plane.AXIAL, DisplayConvention.RADIOLOGICAL);
        assertEquals(1, ax.horizontalAxis(), "j runs left-right");
        assertTrue(ax.horizontalFlip(), "j points right (−x), so it decreases towards screen right (L)");
        assertEquals(0, ax.verticalAxis());
        assertFalse(ax.verticalFlip());
        assertEquals("R L A P", labels(ax));
        // a sagittal acquisition: i along −z... k along x
        Geometry sagittal = Geometry.ofAffine(0, 0, 1, 0, 1, 0, 0, 0, 0, -1, 0, 0);
        SliceOrientation axial = SliceOrientation.of(sagittal, Plane.AXIAL, DisplayConvention.RADIOLOGICAL);
        assertEquals(1, axial.normalAxis(), "j runs along −z");
        assertEquals(2, axial.horizontalAxis());
        assertEquals(0, axial.verticalAxis());
    }

    @Test
    void crosshairVoxelMillimetreRoundTrip() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Geometry g = Geometry.ofAffine(2 * c, -3 * s, 0, -40, 2 * s, 3 * c, 0, 12.5, 0, 0, 4, 7);
        SliceRenderer r = new SliceRenderer(ramp(g, PhysicalUnit.PER_SECOND, 6, 5, 4), DisplayConvention.RADIOLOGICAL);
        long[] voxel = {3, 4, 2};
        double[] mm = r.patientOf(voxel);
        assertEquals(-40 + 2 * c * 3 - 3 * s * 4, mm[0], 1e-9);
        assertEquals(7 + 8, mm[2], 1e-9);
        assertArrayEquals(voxel, r.voxelOf(mm));
        assertArrayEquals(voxel, r.voxelOf(new double[] {mm[0] + 0.4, mm[1] - 0.4, mm[2] + 1.9}), "nearest centre");
        assertNull(r.voxelOf(new double[] {mm[0], mm[1], mm[2] + 100}));
        for (Plane p : Plane.values()) {
            int[] pos = r.displayPosition(p, voxel);
            assertArrayEquals(voxel, r.voxelAt(p, pos[2], pos[0], pos[1]), p.name());
            float[] slice = r.extract(p, pos[2], 0, null);
            assertEquals(342f, slice[pos[1] * r.width(p) + pos[0]], p + ": the pixel under the crosshair is the voxel");
        }
        CursorReadout out = r.readout(voxel, 0);
        assertEquals(342, out.value(), 0);
        assertTrue(out.text().contains("voxel (3, 4, 2)") && out.text().endsWith("342.0 1/s"), out.text());
    }

    @Test
    void fourDimensionalFramesAreSelectable() {
        SliceRenderer r = new SliceRenderer(
                ramp(Geometry.identity(), PhysicalUnit.ARBITRARY, 2, 2, 2, 3), DisplayConvention.RADIOLOGICAL);
        assertArrayEquals(new float[] {2001, 2101, 2011, 2111}, r.extract(Plane.AXIAL, 1, 2, null));
        assertEquals(1111, r.valueAt(new long[] {1, 1, 1}, 1), 0);
    }

    @Test
    void overlayBlendsAtHalfOpacity() {
        Volume<FloatType> map = constant(100, 2, 1, 1);
        Volume<FloatType> mask =
                Volumes.createFloat(new long[] {2, 1, 1}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS);
        Volumes.floats(mask)[1] = 1;
        SliceRenderer r = new SliceRenderer(map, DisplayConvention.RADIOLOGICAL);
        BufferedImage img = r.render(
                Plane.AXIAL, 0, 0, new WindowLevel(100, 200), Colormap.GREY, LabelOverlay.mask(mask, 0xFF0000, 0.5));
        assertEquals(0xFF808080, img.getRGB(0, 0), "outside the mask: the map");
        // 0.5·128 + 0.5·255 = 191.5 -> 192; 0.5·128 = 64
        assertEquals(0xFFC04040, img.getRGB(1, 0));
        Volume<FloatType> labels =
                Volumes.createFloat(new long[] {2, 1, 1}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS);
        Volumes.floats(labels)[0] = 2;
        BufferedImage l =
                r.render(Plane.AXIAL, 0, 0, new WindowLevel(100, 200), Colormap.GREY, LabelOverlay.labels(labels, 1.0));
        assertEquals(0xFF00C000, l.getRGB(0, 0), "label 2 takes the second default colour");
        Volume<FloatType> wrong = constant(1, 3, 1, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> r.render(
                        Plane.AXIAL,
                        0,
                        0,
                        new WindowLevel(0, 1),
                        Colormap.GREY,
                        LabelOverlay.mask(wrong, 0xFF0000, 0.5)));
    }

    private static String labels(SliceOrientation o) {
        return o.left() + " " + o.right() + " " + o.top() + " " + o.bottom();
    }

    @Test
    void unitPresetUnlessTheDataWouldSaturateIt() {
        // brain-like χ within ±0.15 ppm: the ±0.2 ppm preset
        Volume<FloatType> brain = Volumes.createFloat(new long[] {10, 10, 2}, Geometry.identity(), PhysicalUnit.PPM);
        float[] b = Volumes.floats(brain);
        for (int n = 0; n < b.length; n++) {
            b[n] = -0.15f + 0.3f * n / (b.length - 1);
        }
        assertEquals(
                WindowLevel.presetFor(PhysicalUnit.PPM).orElseThrow(),
                new SliceRenderer(brain, DisplayConvention.RADIOLOGICAL).defaultWindow());
        // iron-loaded liver χ 0..3 ppm: its own 2–98 % range, not the saturating preset
        Volume<FloatType> liver = Volumes.createFloat(new long[] {10, 10, 2}, Geometry.identity(), PhysicalUnit.PPM);
        float[] l = Volumes.floats(liver);
        for (int n = 0; n < l.length; n++) {
            l[n] = 3f * n / (l.length - 1);
        }
        WindowLevel w = new SliceRenderer(liver, DisplayConvention.RADIOLOGICAL).defaultWindow();
        assertEquals(0, w.centre(), 0, "χ stays centred on 0 (white in the diverging map)");
        assertEquals(2 * 2.94, w.width(), 0.1, "symmetric, covering the 98th percentile of 0..3 ppm");
    }
}
