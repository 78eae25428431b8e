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
package org.ferrum.liver.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A published calibration from the liver's transverse relaxation to its iron concentration (LIC, mg Fe/g dry
 * weight), kept as data in {@code lic-calibrations.json} next to this class.
 *
 * <p>Contract of {@link #lic(double)} for an R2* value r (1/s): x = r if the calibration is stated in R2*, or
 * x = 1000 / r (T2* in ms) if it is stated in T2*; then LIC = a·x + b ({@link Form#LINEAR}) or LIC = a·x<sup>b</sup>
 * ({@link Form#POWER}). A calibration holds only at the field strength it was measured at, because R2* grows
 * roughly in proportion to B0 (Storey P et al., JMRI 2007;25:540–547: liver R2* at 3 T ≈ 2 × R2* at 1.5 T):
 * {@link #fieldMatches} accepts data within {@value #FIELD_TOLERANCE_T} T of it. The valid ranges are those the
 * source states (or, as its note says, derived from them); NaN bounds mean the source read did not give one.
 *
 * @param id                id used in pipelines, e.g. {@code wood-2005-1.5t}
 * @param name              short human name
 * @param quantity          what the formula takes
 * @param form              the formula
 * @param a                 first coefficient (slope, or power-law factor)
 * @param b                 second coefficient (intercept in mg/g dw, or exponent)
 * @param fieldStrengthT    B0 of the calibration, tesla
 * @param referenceStandard what LIC was measured against (biopsy, FerriScan R2, SQUID)
 * @param population        who was studied
 * @param source            citation
 * @param readAt            where the coefficients were checked
 * @param minLic            lower end of the valid LIC range (mg/g dw), NaN if not stated
 * @param maxLic            upper end of the valid LIC range, NaN if not stated
 * @param minR2Star         lower end of the valid R2* range (1/s), NaN if not stated
 * @param maxR2Star         upper end of the valid R2* range, NaN if not stated
 * @param note              caveats (derivations, what is missing)
 */
public record LicCalibration(
        String id,
        String name,
        Quantity quantity,
        Form form,
        double a,
        double b,
        double fieldStrengthT,
        String referenceStandard,
        String population,
        String source,
        String readAt,
        double minLic,
        double maxLic,
        double minR2Star,
        double maxR2Star,
        String note) {

    /** Largest difference between the data's and the calibration's field strength still taken as the same field. */
    public static final double FIELD_TOLERANCE_T = 0.1;

    private static final String RESOURCE = "lic-calibrations.json";
    private static volatile Map<String, LicCalibration> published;

    /** The relaxation quantity a formula is written in. */
    public enum Quantity {
        /** R2* in 1/s. */
        R2STAR_PER_SECOND("R2*"),
        /** T2* in ms (= 1000 / R2* in 1/s). */
        T2STAR_MS("T2*");

        private final String label;

        Quantity(String label) {
            this.label = label;
        }

        static Quantity of(String label) {
            for (Quantity q : values()) {
                if (q.label.equals(label)) {
                    return q;
                }
            }
            throw new IllegalArgumentException("unknown calibration quantity '" + label + "' (R2* or T2*)");
        }
    }

    /** The shape of the formula. */
    public enum Form {
        /** LIC = a·x + b. */
        LINEAR,
        /** LIC = a·x^b. */
        POWER
    }

    public LicCalibration {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a LIC calibration needs an id");
        }
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(form, "form");
        if (!Double.isFinite(a) || !Double.isFinite(b) || !(fieldStrengthT > 0)) {
            throw new IllegalArgumentException(
                    "LIC calibration '" + id + "' needs finite coefficients and a positive field strength");
        }
    }

    /** LIC in mg Fe/g dry weight for an R2* value in 1/s (NaN for NaN, and for R2* ≤ 0 when the formula is in T2*). */
    public double lic(double r2StarPerSecond) {
        double x = quantity == Quantity.R2STAR_PER_SECOND
                ? r2StarPerSecond
                : r2StarPerSecond > 0 ? 1000.0 / r2StarPerSecond : Double.NaN;
        return form == Form.LINEAR ? a * x + b : a * Math.pow(x, b);
    }

    /**
     * The inverse of {@link #lic}: the R2* in 1/s that this calibration maps to {@code licDryWeight}, found by bisection
     * on [0.1, 10 000] 1/s (every shipped form is monotonic increasing in R2*); NaN if the LIC is outside that bracket's
     * image. For simulations that must make their truth with the calibration a pipeline inverts.
     */
    public double r2StarFor(double licDryWeight) {
        double lo = 0.1, hi = 10_000;
        if (!(licDryWeight >= lic(lo) && licDryWeight <= lic(hi))) {
            return Double.NaN;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (lic(mid) < licDryWeight) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** True if data acquired at {@code b0Tesla} may use this calibration. */
    public boolean fieldMatches(double b0Tesla) {
        // the 1e-9 T slack keeps 1.6 T for a 1.5 T calibration inside despite 1.6 − 1.5 = 0.10000000000000009 in binary
        return Math.abs(b0Tesla - fieldStrengthT) <= FIELD_TOLERANCE_T + 1e-9;
    }

    /** True if the source states a valid R2* range or LIC range. */
    public boolean hasValidRange() {
        return !Double.isNaN(minR2Star) || !Double.isNaN(maxR2Star) || !Double.isNaN(minLic) || !Double.isNaN(maxLic);
    }

    /** −1 below, +1 above, 0 inside the valid ranges (R2* and LIC both checked where stated; NaN counts as inside). */
    public int rangeSide(double r2StarPerSecond, double lic) {
        if (r2StarPerSecond < minR2Star || lic < minLic) {
            return -1;
        }
        if (r2StarPerSecond > maxR2Star || lic > maxLic) {
            return 1;
        }
        return 0;
    }

    /** The formula as people write it, e.g. {@code LIC = 0.0254·R2* + 0.202}. */
    public String formula() {
        String x = quantity == Quantity.R2STAR_PER_SECOND ? "R2*[1/s]" : "T2*[ms]";
        return form == Form.LINEAR
                ? String.format(Locale.ROOT, "LIC = %s·%s %s %s", num(a), x, b < 0 ? "−" : "+", num(Math.abs(b)))
                : String.format(Locale.ROOT, "LIC = %s·%s^%s", num(a), x, num(b));
    }

    private static String num(double v) {
        return Double.isFinite(v)
                ? new BigDecimal(String.format(Locale.ROOT, "%.6g", v))
                        .stripTrailingZeros()
                        .toPlainString()
                : Double.toString(v);
    }

    /** A number as a short text for logs and messages (6 significant digits, no trailing zeros), e.g. {@code 1.5}. */
    public static String format(double v) {
        return num(v);
    }

    /** The calibrations shipped with Ferrum, by id, in file order. */
    public static Map<String, LicCalibration> published() {
        Map<String, LicCalibration> p = published;
        if (p == null) {
            p = load();
            published = p;
        }
        return p;
    }

    /**
     * A shipped calibration.
     *
     * @throws IllegalArgumentException naming the known ids if {@code id} is not one of them
     */
    public static LicCalibration byId(String id) {
        LicCalibration c = published().get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown LIC calibration '" + id + "'; known: "
                    + String.join(", ", published().keySet()));
        }
        return c;
    }

    private static Map<String, LicCalibration> load() {
        try (InputStream in = LicCalibration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the liver module");
            }
            Map<String, LicCalibration> map = new LinkedHashMap<>();
            for (JsonNode c : new ObjectMapper().readTree(in).path("calibrations")) {
                double[] lic = range(c.path("valid_lic_mg_per_g_dw"));
                double[] r2s = range(c.path("valid_r2star_per_s"));
                LicCalibration cal = new LicCalibration(
                        c.path("id").asText(),
                        c.path("name").asText(),
                        Quantity.of(c.path("quantity").asText()),
                        Form.valueOf(c.path("form").asText().toUpperCase(Locale.ROOT)),
                        c.path("a").asDouble(Double.NaN),
                        c.path("b").asDouble(Double.NaN),
                        c.path("field_strength_T").asDouble(),
                        c.path("reference_standard").asText(),
                        c.path("population").asText(),
                        c.path("source").asText(),
                        c.path("read_at").asText(),
                        lic[0],
                        lic[1],
                        r2s[0],
                        r2s[1],
                        c.path("note").asText(""));
                if (map.put(cal.id(), cal) != null) {
                    throw new IllegalStateException(RESOURCE + " lists calibration '" + cal.id() + "' twice");
                }
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static double[] range(JsonNode node) {
        if (node.isArray() && node.size() == 2) {
            return new double[] {node.get(0).asDouble(), node.get(1).asDouble()};
        }
        return new double[] {Double.NaN, Double.NaN};
    }
}
