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

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;

/**
 * The linear map from stored pixel values to physical values for each vendor and {@link ImageKind}: phase
 * in radians whatever the vendor, field maps in hertz, magnitude in arbitrary units. Assembly applies
 * {@code physical = slope · stored + intercept} per frame (stored = the sign-extended integer sample).
 *
 * <h2>Rules, with their sources</h2>
 * <ul>
 * <li><b>Standard</b> (all vendors): Rescale Slope/Intercept (0028,1053)/(0028,1052), per frame in the
 *     Pixel Value Transformation functional group of enhanced objects, give {@code RS · stored + RI}
 *     (PS3.3 C.7.6.16.2.9, C.11.1.1.2). A Real World Value Mapping item (0040,9096) with a UCUM unit
 *     (PS3.3 C.7.6.16.2.11) gives physical units directly and is preferred when its unit is one we know
 *     ({@code Hz}, {@code rad}, {@code mrad}, {@code deg}).</li>
 * <li><b>Siemens phase</b>: 12-bit values 0…4095 with Rescale Slope 2 and Intercept −4096, so the
 *     rescaled value {@code RS·v + RI} spans [−4096, 4094] and represents [−π, π):
 *     {@code φ = π · (RS·v + RI) / 4096}. Without a rescale (older software) the raw 0…4095 is
 *     centred: {@code φ = π · (v − 2048) / 2048}. Sources: the values in the test series (heudiconv
 *     MEGRE, dcm_qa_fmap Siemens phase difference); the same range is documented for Siemens phase in
 *     MRtrix3 issue #3009 and in FSL's FUGUE guide ("SIEMENS data": phase in 0…4095 spans 2π).</li>
 * <li><b>Philips</b>: stored values map to the "display value" {@code DV = RS·v + RI}; Philips' private
 *     Scale Slope SS (2005,100E) (in the per-frame private item (2005,140F) of enhanced objects) gives
 *     the "floating-point value" {@code FP = DV / (RS · SS)}, which Philips documents as the value
 *     proportional to the MR signal and comparable across scans (Chenevert et al., "Errors in
 *     quantitative image analysis due to platform-dependent image scaling", Transl Oncol 2014;7:65–71).
 *     Magnitude (and real/imaginary) therefore use FP, as dcm2niix does by default
 *     ({@code UsePhilipsFloatNotDisplayScaling}). Phase and B0 maps carry physical units in DV (Philips
 *     writes the unit in Rescale Type (0028,1054) and in the Real World Value Mapping: {@code Hz} for the
 *     B0 map of dcm_qa_fmap, radians or milliradians for phase), so they use DV / the RWV mapping; a phase
 *     whose unit is not written is classified by the rescaled range (below).</li>
 * <li><b>GE</b>: direct field maps (pulse sequence B0map/B0rf/3db0map) are stored in Hz with no rescale
 *     (dcm2niix issue #501, GE's description; dcm_qa_fmap GE values −216…216 Hz). GE phase images
 *     (private image type (0043,102F) = 1) are stored as integers in milliradians (range ±3142 seen in GE
 *     exports; classified here by the rescaled range, below) and are <b>negated</b>: GE's reconstruction
 *     uses the opposite sign of the complex signal's phase from Siemens (reported for the same sequence on
 *     both vendors in the UKRIN-MAPS ukat issue #33), and Ferrum's convention is Siemens': a positive
 *     frequency offset gives a phase that grows with echo time. <i>No GE phase series is in the test data;
 *     this rule is not yet checked against a reference.</i></li>
 * <li><b>Range classification</b> (phase without a unit): with {@code h = max |RS·v + RI|} over the
 *     stored range, {@code h ≤ 1.01 π} means radians, {@code ≤ 1.01 · 180} degrees, {@code ≤ 1.01 · 1000 π}
 *     milliradians, {@code ≤ 1.01 · 4096} the Siemens-style 4096 = π; anything larger is a
 *     {@link DicomFormatException}-worthy unknown (reported by the caller).</li>
 * </ul>
 */
final class PhaseScaling {

    private PhaseScaling() {}

    /** The scanner vendor, from Manufacturer (0008,0070). */
    public enum Vendor {
        SIEMENS,
        GE,
        PHILIPS,
        OTHER;

        /** The vendor whose name the Manufacturer attribute contains (case-insensitive). */
        public static Vendor of(String manufacturer) {
            String m = manufacturer == null ? "" : manufacturer.toUpperCase(Locale.ROOT);
            if (m.contains("SIEMENS")) {
                return SIEMENS;
            }
            if (m.contains("PHILIPS")) {
                return PHILIPS;
            }
            if (m.startsWith("GE ")
                    || m.contains("GE MEDICAL")
                    || m.contains("GE HEALTHCARE")
                    || m.equals("GE")
                    || m.contains("GEMS")) {
                return GE;
            }
            return OTHER;
        }
    }

    /**
     * What the file says about scaling for one frame. NaN for absent numbers, null for an absent unit.
     *
     * @param rescaleSlope      Rescale Slope (1 if absent)
     * @param rescaleIntercept  Rescale Intercept (0 if absent)
     * @param rwvSlope          Real World Value Slope, or NaN
     * @param rwvIntercept      Real World Value Intercept, or NaN
     * @param rwvUnit           the RWV mapping's UCUM code value, or null
     * @param philipsScaleSlope Philips Scale Slope (2005,100E), or NaN
     * @param storedMin         smallest storable value (from Bits Stored and Pixel Representation)
     * @param storedMax         largest storable value
     */
    public record StoredScaling(
            double rescaleSlope,
            double rescaleIntercept,
            double rwvSlope,
            double rwvIntercept,
            String rwvUnit,
            double philipsScaleSlope,
            double storedMin,
            double storedMax) {

        /** Plain rescale, nothing else known. */
        public static StoredScaling rescale(double slope, double intercept, double storedMin, double storedMax) {
            return new StoredScaling(slope, intercept, Double.NaN, Double.NaN, null, Double.NaN, storedMin, storedMax);
        }
    }

    /**
     * The physical value map of one frame.
     *
     * @param slope     multiplier of the stored value
     * @param intercept added after the multiplication
     * @param unit      the physical unit of the result
     * @param rule      which rule was applied, for provenance and sidecars (e.g. "Siemens phase: π·(RS·v+RI)/4096")
     */
    public record ValueMap(double slope, double intercept, PhysicalUnit unit, String rule) {

        public double apply(double stored) {
            return slope * stored + intercept;
        }
    }

    /**
     * The map for one frame of the given vendor and kind.
     *
     * @throws IllegalArgumentException for a phase whose unit cannot be determined (callers wrap it in a
     *                                  {@link DicomFormatException} naming the file)
     */
    public static ValueMap of(Vendor vendor, ImageKind kind, StoredScaling s) {
        double rs = s.rescaleSlope(), ri = s.rescaleIntercept();
        return switch (kind) {
            case PHASE -> phase(vendor, s);
            case FIELD_MAP -> fieldMap(s);
            default -> {
                // A Real World Value Mapping in a unit Ferrum knows (e.g. exported χ maps in ppm, R2* in 1/s)
                // gives the physical value directly (PS3.3 C.7.6.16.2.11).
                // Unitless mappings (e.g. Philips' magnitude RWV) stay with the vendor rules below.
                var rwvUnit = UcumUnits.unitOf(s.rwvUnit(), null)
                        .filter(u -> u != PhysicalUnit.DIMENSIONLESS && u != PhysicalUnit.ARBITRARY);
                if (rwvUnit.isPresent() && Double.isFinite(s.rwvSlope()) && s.rwvSlope() != 0) {
                    double b = Double.isFinite(s.rwvIntercept()) ? s.rwvIntercept() : 0;
                    yield new ValueMap(
                            s.rwvSlope(),
                            b,
                            rwvUnit.get(),
                            "real world value mapping in " + rwvUnit.get().symbol());
                }
                if (vendor == Vendor.PHILIPS
                        && s.philipsScaleSlope() > 0
                        && Double.isFinite(s.philipsScaleSlope())
                        && rs != 0) {
                    double d = rs * s.philipsScaleSlope();
                    yield new ValueMap(
                            rs / d, ri / d, PhysicalUnit.ARBITRARY, "Philips floating-point value (RS·v+RI)/(RS·SS)");
                }
                yield new ValueMap(rs, ri, PhysicalUnit.ARBITRARY, "rescale RS·v+RI");
            }
        };
    }

    private static ValueMap fieldMap(StoredScaling s) {
        String u = s.rwvUnit() == null ? "" : s.rwvUnit().trim();
        if (Double.isFinite(s.rwvSlope()) && s.rwvSlope() != 0 && u.equalsIgnoreCase("Hz")) {
            double b = Double.isFinite(s.rwvIntercept()) ? s.rwvIntercept() : 0;
            return new ValueMap(s.rwvSlope(), b, PhysicalUnit.HERTZ, "real world value mapping in Hz");
        }
        return new ValueMap(s.rescaleSlope(), s.rescaleIntercept(), PhysicalUnit.HERTZ, "field map in Hz: RS·v+RI");
    }

    private static ValueMap phase(Vendor vendor, StoredScaling s) {
        double a = s.rescaleSlope(), b = s.rescaleIntercept();
        String rule;
        String u = s.rwvUnit() == null ? "" : s.rwvUnit().trim();
        if (Double.isFinite(s.rwvSlope()) && s.rwvSlope() != 0 && unitFactor(u) > 0) {
            double f = unitFactor(u);
            a = s.rwvSlope() * f;
            b = (Double.isFinite(s.rwvIntercept()) ? s.rwvIntercept() : 0) * f;
            rule = "real world value mapping in " + u;
        } else if (vendor == Vendor.SIEMENS && a == 1 && b == 0 && s.storedMin() >= 0 && s.storedMax() <= 4095) {
            a = Math.PI / 2048;
            b = -Math.PI;
            rule = "Siemens phase without rescale: π·(v−2048)/2048";
        } else {
            double lo = a * s.storedMin() + b, hi = a * s.storedMax() + b;
            double h = Math.max(Math.abs(lo), Math.abs(hi));
            double f;
            if (vendor == Vendor.SIEMENS) {
                f = Math.PI / 4096;
                rule = "Siemens phase: π·(RS·v+RI)/4096";
            } else if (h <= 1.01 * Math.PI) {
                f = 1;
                rule = "phase in rad: RS·v+RI";
            } else if (h <= 1.01 * 180) {
                f = Math.PI / 180;
                rule = "phase in degrees: (RS·v+RI)·π/180";
            } else if (h <= 1.01 * 1000 * Math.PI) {
                f = 1e-3;
                rule = "phase in mrad: (RS·v+RI)/1000";
            } else if (h <= 1.01 * 4096) {
                f = Math.PI / 4096;
                rule = "phase with 4096 = π: π·(RS·v+RI)/4096";
            } else {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "cannot tell the unit of phase values spanning ±%.6g (rescale slope %s, intercept %s) and no Real World Value Mapping unit",
                        h,
                        a,
                        b));
            }
            a *= f;
            b *= f;
        }
        if (vendor == Vendor.GE) {
            a = -a;
            b = -b;
            rule += "; negated (GE phase sign convention)";
        }
        return new ValueMap(a, b, PhysicalUnit.RADIAN, rule);
    }

    /** Radians per unit for the UCUM phase units we know, or 0. */
    private static double unitFactor(String ucum) {
        return switch (ucum) {
            case "rad" -> 1;
            case "mrad" -> 1e-3;
            case "deg" -> Math.PI / 180;
            default -> 0;
        };
    }
}
