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
package org.ferrum.relaxometry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ferrum.core.FieldUnits;

/**
 * A multi-peak model of the fat ¹H spectrum, kept as data: each peak's frequency offset from water in ppm
 * and its relative amplitude.
 *
 * <p>Contract: the amplitudes are positive and sum to 1 (normalised on construction), so that the fat
 * signal at echo time t is {@code ρ_F · c(t)} with the complex fat factor
 * <pre>  c(t) = Σ_p a_p · exp(i 2π f_p t),   f_p = ppm_p · 10⁻⁶ · γ̄ · B0   (Hz)</pre>
 * and |c(0)| = 1: ρ_F is the whole fat proton density, which is what PDFF = ρ_F / (ρ_W + ρ_F) needs
 * (Reeder SB et al., JMRI 2012;36:1011–1014, on PDFF as the fraction of mobile protons). The published
 * spectra ship in {@code fat-spectra.json} next to this class, with their sources; a user may build
 * another one with {@link #FatSpectrum}.
 */
public record FatSpectrum(String id, String name, String source, double[] ppm, double[] amplitude) {

    private static final String RESOURCE = "fat-spectra.json";
    private static volatile Map<String, FatSpectrum> published;

    public FatSpectrum {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a fat spectrum needs an id");
        }
        if (ppm == null || amplitude == null || ppm.length == 0 || ppm.length != amplitude.length) {
            throw new IllegalArgumentException(
                    "fat spectrum '" + id + "' needs as many amplitudes as peaks (and at least one)");
        }
        double sum = 0;
        for (int p = 0; p < ppm.length; p++) {
            if (!Double.isFinite(ppm[p]) || !(amplitude[p] > 0) || !Double.isFinite(amplitude[p])) {
                throw new IllegalArgumentException("fat spectrum '" + id + "': peak " + (p + 1)
                        + " needs a finite ppm and a positive amplitude, got " + ppm[p] + " ppm, " + amplitude[p]);
            }
            sum += amplitude[p];
        }
        ppm = ppm.clone();
        double[] a = new double[amplitude.length];
        for (int p = 0; p < a.length; p++) {
            a[p] = amplitude[p] / sum;
        }
        amplitude = a;
        name = name == null ? id : name;
        source = source == null ? "" : source;
    }

    /** The peak offsets from water in ppm (a copy). */
    @Override
    public double[] ppm() {
        return ppm.clone();
    }

    /** The relative amplitudes, summing to 1 (a copy). */
    @Override
    public double[] amplitude() {
        return amplitude.clone();
    }

    /** Number of peaks. */
    public int peaks() {
        return ppm.length;
    }

    /** The peak offsets from water in Hz at field strength {@code b0Tesla}. */
    public double[] frequenciesHz(double b0Tesla) {
        double[] f = new double[ppm.length];
        for (int p = 0; p < f.length; p++) {
            f[p] = FieldUnits.ppmToHertz(ppm[p], b0Tesla);
        }
        return f;
    }

    /**
     * The complex fat factor c(t) at each echo time, interleaved (re, im): element {@code 2e} and {@code 2e+1}
     * are the real and imaginary parts of c(TE_e).
     *
     * @param echoTimesSeconds TE of each echo in seconds
     * @param b0Tesla          the field strength
     */
    public double[] complexFactor(double[] echoTimesSeconds, double b0Tesla) {
        double[] f = frequenciesHz(b0Tesla);
        double[] c = new double[2 * echoTimesSeconds.length];
        for (int e = 0; e < echoTimesSeconds.length; e++) {
            double re = 0;
            double im = 0;
            for (int p = 0; p < f.length; p++) {
                double angle = 2 * Math.PI * f[p] * echoTimesSeconds[e];
                re += amplitude[p] * Math.cos(angle);
                im += amplitude[p] * Math.sin(angle);
            }
            c[2 * e] = re;
            c[2 * e + 1] = im;
        }
        return c;
    }

    /** The spectra shipped with Ferrum, by id, in file order. */
    public static Map<String, FatSpectrum> published() {
        Map<String, FatSpectrum> p = published;
        if (p == null) {
            p = load();
            published = p;
        }
        return p;
    }

    /**
     * A shipped spectrum.
     *
     * @throws IllegalArgumentException naming the known ids if {@code id} is not one of them
     */
    public static FatSpectrum byId(String id) {
        FatSpectrum s = published().get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown fat spectrum '" + id + "'; known: "
                    + published().keySet().stream().collect(Collectors.joining(", ")));
        }
        return s;
    }

    private static Map<String, FatSpectrum> load() {
        try (InputStream in = FatSpectrum.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the relaxometry module");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, FatSpectrum> map = new LinkedHashMap<>();
            for (JsonNode s : root.path("spectra")) {
                List<Double> ppm = new ArrayList<>();
                s.path("ppm").forEach(v -> ppm.add(v.asDouble()));
                List<Double> amp = new ArrayList<>();
                s.path("amplitude").forEach(v -> amp.add(v.asDouble()));
                FatSpectrum f = new FatSpectrum(
                        s.path("id").asText(),
                        s.path("name").asText(),
                        s.path("source").asText(),
                        ppm.stream().mapToDouble(Double::doubleValue).toArray(),
                        amp.stream().mapToDouble(Double::doubleValue).toArray());
                map.put(f.id(), f);
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FatSpectrum f
                && id.equals(f.id)
                && java.util.Arrays.equals(ppm, f.ppm)
                && java.util.Arrays.equals(amplitude, f.amplitude);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + java.util.Arrays.hashCode(ppm);
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + ppm.length + (ppm.length == 1 ? " peak)" : " peaks)");
    }
}
