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
package org.ferrum.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a DICOM image says its diffusion weighting: the b-value in s/mm² and the gradient direction, turned
 * into a unit vector in the patient's LPS frame. Read in this order, the first that is present winning:
 * <ol>
 * <li><b>Standard</b> (PS3.3 C.8.13.5.9, MR Diffusion macro): Diffusion b-value (0018,9087) FD and Diffusion
 *     Gradient Orientation (0018,9089) FD×3, "with respect to the patient" (LPS), in the Diffusion Gradient
 *     Direction Sequence (0018,9076) — inside the MR Diffusion Sequence (0018,9117) of an enhanced object's
 *     functional groups, or at the top level of a classic image.</li>
 * <li><b>Siemens</b> private group 0019 (creator "SIEMENS MR HEADER"): B_value (0019,100C) IS and
 *     DiffusionGradientDirection (0019,100E) FD×3, in LPS.</li>
 * <li><b>GE</b>: (0043,1039) IS, the first value the b-value — GE adds 10⁹ to it for multi-b and synthetic-b
 *     series (the bias in (0043,107F); dcm2niix issue #602), so the value is taken modulo 10⁹ — and the gradient
 *     (0019,10BB), (0019,10BC), (0019,10BD) DS along the <em>image</em> axes: checked on dcm_qa_ge, whose
 *     dcm2niix reference .bvec is (−x, y, z) of these values in dcm2niix's row-flipped voxel frame, i.e. the LPS
 *     direction is −x·row − y·column + z·(row × column).</li>
 * <li><b>Philips</b> classic images: Diffusion B-Factor (2001,1003) FL and the directions (2005,10B0),
 *     (2005,10B1), (2005,10B2) FL along RL, AP and FH, i.e. LPS x, y, z (Philips, dcm2niix issue #182).</li>
 * </ol>
 * Private attributes are read whatever VR the file gives them (an implicit-VR file leaves them UN: the raw
 * bytes are decoded as the vendor documents: IS/DS text, FL/FD little endian). A value that cannot be read
 * counts as absent. A b-value with no direction, or b = 0, has no gradient (an isotropic trace or b = 0 image).
 */
final class DiffusionTags {

    static final int MR_DIFFUSION_SEQUENCE = 0x00189117;
    static final int DIFFUSION_B_VALUE = 0x00189087;
    static final int DIFFUSION_GRADIENT_DIRECTION_SEQUENCE = 0x00189076;
    static final int DIFFUSION_GRADIENT_ORIENTATION = 0x00189089;
    static final int SIEMENS_B_VALUE = 0x0019100C;
    static final int SIEMENS_GRADIENT = 0x0019100E;
    static final int GE_B_VALUE = 0x00431039;
    static final int GE_GRADIENT_X = 0x001910BB;
    static final int GE_GRADIENT_Y = 0x001910BC;
    static final int GE_GRADIENT_Z = 0x001910BD;
    static final int PHILIPS_B_FACTOR = 0x20011003;
    static final int PHILIPS_GRADIENT_RL = 0x200510B0;
    static final int PHILIPS_GRADIENT_AP = 0x200510B1;
    static final int PHILIPS_GRADIENT_FH = 0x200510B2;

    /** No diffusion information: {b, gx, gy, gz} all NaN. */
    static final double[] NONE = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};

    private static final double GE_B_BIAS = 1e9;

    private DiffusionTags() {}

    /** {b, gx, gy, gz} (LPS) from an MR Diffusion macro item or a classic data set's top level; NaN where absent. */
    static double[] standard(Path file, DicomDataset ds) throws DicomFormatException {
        double b = first(ds, DIFFUSION_B_VALUE, Raw.FD);
        double[] g = null;
        if (ds.contains(DIFFUSION_GRADIENT_ORIENTATION)) {
            g = values(ds, DIFFUSION_GRADIENT_ORIENTATION, Raw.FD);
        } else if (ds.contains(DIFFUSION_GRADIENT_DIRECTION_SEQUENCE)) {
            var items = ds.sequence(DIFFUSION_GRADIENT_DIRECTION_SEQUENCE);
            if (!items.isEmpty()) {
                g = values(items.get(0), DIFFUSION_GRADIENT_ORIENTATION, Raw.FD);
            }
        }
        return of(b, g);
    }

    /** {b, gx, gy, gz} (LPS) of a classic image: the standard attributes, else the vendor's private ones. */
    static double[] classic(Path file, DicomDataset ds, PhaseScaling.Vendor vendor, double[] orientation)
            throws DicomFormatException {
        double[] std = standard(file, ds);
        if (ds.contains(MR_DIFFUSION_SEQUENCE) && Double.isNaN(std[0])) {
            var items = ds.sequence(MR_DIFFUSION_SEQUENCE);
            if (!items.isEmpty()) {
                std = standard(file, items.get(0));
            }
        }
        if (!Double.isNaN(std[0]) && !Double.isNaN(std[1])) {
            return std;
        }
        double[] own = vendor(ds, vendor, orientation);
        // the standard b-value wins (GE's private one may carry a bias); a missing standard direction is taken from
        // the vendor's attributes
        double b = !Double.isNaN(std[0]) ? std[0] : own[0];
        return Double.isNaN(std[1])
                ? of(b, Double.isNaN(own[1]) ? null : new double[] {own[1], own[2], own[3]})
                : of(b, new double[] {std[1], std[2], std[3]});
    }

    private static double[] vendor(DicomDataset ds, PhaseScaling.Vendor vendor, double[] orientation) {
        switch (vendor) {
            case SIEMENS: {
                return of(first(ds, SIEMENS_B_VALUE, Raw.TEXT), values(ds, SIEMENS_GRADIENT, Raw.FD));
            }
            case GE: {
                double b = first(ds, GE_B_VALUE, Raw.TEXT);
                if (b >= GE_B_BIAS) {
                    b = b % GE_B_BIAS;
                }
                double x = first(ds, GE_GRADIENT_X, Raw.TEXT),
                        y = first(ds, GE_GRADIENT_Y, Raw.TEXT),
                        z = first(ds, GE_GRADIENT_Z, Raw.TEXT);
                if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(z) || orientation == null) {
                    return of(b, null);
                }
                double[] r = {orientation[0], orientation[1], orientation[2]};
                double[] c = {orientation[3], orientation[4], orientation[5]};
                double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) {
                    g[i] = -x * r[i] - y * c[i] + z * n[i];
                }
                return of(b, g);
            }
            case PHILIPS: {
                double b = first(ds, PHILIPS_B_FACTOR, Raw.FL);
                double x = first(ds, PHILIPS_GRADIENT_RL, Raw.FL),
                        y = first(ds, PHILIPS_GRADIENT_AP, Raw.FL),
                        z = first(ds, PHILIPS_GRADIENT_FH, Raw.FL);
                return of(b, Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(z) ? null : new double[] {x, y, z});
            }
            default:
                return NONE;
        }
    }

    /** The unit gradient direction of {b, gx, gy, gz}, or null for b = 0, no b-value or no (or a zero) direction. */
    static double[] direction(double[] dw) {
        if (!(dw[0] > 0)) {
            return null;
        }
        double n = Math.sqrt(dw[1] * dw[1] + dw[2] * dw[2] + dw[3] * dw[3]);
        if (!(n > 1e-6) || !Double.isFinite(n)) {
            return null;
        }
        return new double[] {dw[1] / n, dw[2] / n, dw[3] / n};
    }

    private static double[] of(double b, double[] g) {
        if (!Double.isFinite(b) || b < 0) {
            return NONE;
        }
        if (g == null || g.length != 3) {
            return new double[] {b, Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {b, g[0], g[1], g[2]};
    }

    private enum Raw {
        TEXT,
        FD,
        FL
    }

    private static double first(DicomDataset ds, int tag, Raw raw) {
        double[] v = values(ds, tag, raw);
        return v == null || v.length == 0 ? Double.NaN : v[0];
    }

    /** The attribute's numbers, decoding UN values as {@code raw}; null if absent or unreadable. */
    private static double[] values(DicomDataset ds, int tag, Raw raw) {
        if (!ds.contains(tag)) {
            return null;
        }
        try {
            if (ds.vr(tag).orElse(Vr.UN) != Vr.UN) {
                double[] v = ds.numbers(tag);
                return finite(v) ? v : null;
            }
        } catch (DicomFormatException e) {
            return null;
        }
        byte[] b = ds.bytes(tag).orElse(null);
        if (b == null) {
            return null;
        }
        double[] v;
        switch (raw) {
            case TEXT: {
                String[] parts = new String(b, StandardCharsets.US_ASCII)
                        .replace('\0', ' ')
                        .trim()
                        .split("\\\\");
                v = new double[parts.length];
                try {
                    for (int i = 0; i < parts.length; i++) {
                        v[i] = Double.parseDouble(parts[i].trim());
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
                break;
            }
            case FD: {
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                v = new double[b.length / 8];
                for (int i = 0; i < v.length; i++) {
                    v[i] = bb.getDouble(8 * i);
                }
                break;
            }
            default: {
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                v = new double[b.length / 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = bb.getFloat(4 * i);
                }
                break;
            }
        }
        return finite(v) ? v : null;
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
