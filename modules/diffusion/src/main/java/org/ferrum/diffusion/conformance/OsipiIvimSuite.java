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
package org.ferrum.diffusion.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.diffusion.IvimFit;
import org.openide.util.lookup.ServiceProvider;

/**
 * The OSIPI IVIM code collection's reference signals ({@code generic.json} of OSIPI/TF2.4_IVIM-MRI_CodeCollection,
 * {@code tests/IVIMmodels/unit_tests}): one object per tissue with {@code noise}, {@code D}, {@code f}, {@code Dp}
 * (mm²/s) and {@code data} = S/S0 at the b-values of {@code config.bvalues} (s/mm²).
 *
 * <p>Each tissue is fitted with {@link IvimFit} as the {@code diffusion.ivim} operator fits a voxel: the
 * {@value IvimFit#SEGMENTED} method (the operator's default, the one judged) with the default threshold and bounds,
 * and the noise floor with σ = the file's {@code noise}. Tolerances are the collection's: f atol 0.2 + rtol 0.1, D
 * atol 5·10⁻⁴ + rtol 0.1, D* atol 0.1 + rtol 0.1; D is not judged where f &gt; 0.8 and D* not where f &lt; 0.03. Since
 * that D tolerance exceeds D itself in slow-diffusion tissue (bone marrow, spinal cord), D is also judged relative
 * (rtol 0.1, no atol) wherever the reference D is at most the absolute tolerance; the relative error of every
 * parameter is given in the case's note. The {@value IvimFit#FULL} fit's values are listed unjudged, for comparison.
 *
 * <p>Files are recognised by their first kilobytes (a tissue object with keys {@code Dp}, {@code f} and a
 * {@code data} array), not by their names; the b-values may be any set.
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class OsipiIvimSuite implements ConformanceSuite {

    static final double F_ATOL = 0.2, D_ATOL = 5e-4, DSTAR_ATOL = 0.1, RTOL = 0.1;
    static final double D_JUDGED_UP_TO_F = 0.8, DSTAR_JUDGED_FROM_F = 0.03;

    private static final Pattern DP = Pattern.compile("\"Dp\"\\s*:");
    private static final Pattern F = Pattern.compile("\"f\"\\s*:");
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\\[");

    @Override
    public String name() {
        return "OSIPI IVIM: segmented bi-exponential fit";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        try {
            if (!Files.isRegularFile(file.path())) {
                return false;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file.path())) {
                head = in.readNBytes(8192);
            }
            String text = new String(head, StandardCharsets.UTF_8).stripLeading();
            return text.startsWith("{")
                    && DP.matcher(text).find()
                    && F.matcher(text).find()
                    && DATA.matcher(text).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.path().toFile());
        } catch (IOException e) {
            throw new IOException(file.path() + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode bNode = root.path("config").path("bvalues");
        if (!bNode.isArray() || bNode.size() < 3) {
            throw new IOException(file.path() + ": no config.bvalues array (the b-values in s/mm²)");
        }
        double[] b = new double[bNode.size()];
        for (int i = 0; i < b.length; i++) {
            if (!bNode.get(i).isNumber()) {
                throw new IOException(file.path() + ": config.bvalues[" + i + "] is not a number");
            }
            b[i] = bNode.get(i).asDouble();
        }
        List<ConformanceCase> cases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("judged: the segmented fit (b ≥ " + IvimFit.Params.DEFAULTS.bThreshold()
                + " s/mm² for D), noise floor σ = the file's noise; full bi-exponential fit listed unjudged");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("config")) {
                continue;
            }
            cancellation.throwIfCancelled("OSIPI IVIM conformance");
            Tissue t = Tissue.read(file, e.getKey(), e.getValue(), b.length);
            double[] seg = fit(b, t, IvimFit.SEGMENTED);
            double[] full = fit(b, t, IvimFit.FULL);
            judge(cases, t, seg, full);
        }
        if (cases.isEmpty()) {
            throw new IOException(file.path() + ": no tissue objects besides config");
        }
        return new ConformanceReport(name(), file.path(), cases, notes);
    }

    /** A tissue of the file. */
    record Tissue(String label, double noise, double d, double f, double dStar, double[] data) {

        static Tissue read(ConformanceFile file, String label, JsonNode n, int count) throws IOException {
            double[] v = new double[4];
            String[] keys = {"noise", "D", "f", "Dp"};
            for (int k = 0; k < 4; k++) {
                JsonNode x = n.get(keys[k]);
                if (x == null || !x.isNumber()) {
                    if (k == 0 && x == null) {
                        v[0] = 0;
                        continue;
                    }
                    throw new IOException(file.path() + ": \"" + label + "\" has no number \"" + keys[k] + "\"");
                }
                v[k] = x.asDouble();
            }
            JsonNode data = n.get("data");
            if (data == null || !data.isArray() || data.size() != count) {
                throw new IOException(file.path() + ": \"" + label + "\" needs \"data\" with one value per b-value ("
                        + count + "), has " + (data == null || !data.isArray() ? "none" : data.size()));
            }
            double[] s = new double[count];
            for (int i = 0; i < count; i++) {
                s[i] = data.get(i).asDouble(Double.NaN);
            }
            return new Tissue(label, v[0], v[1], v[2], v[3], s);
        }
    }

    /**
     * The fit of one tissue by {@code method}: {f, D, D*, status code}. The b-values are sorted (and repeats
     * averaged) as the trace image would hold them.
     */
    static double[] fit(double[] b, Tissue t, String method) {
        double[][] sorted = distinct(b, t.data());
        IvimFit fit = new IvimFit(sorted[0], IvimFit.Params.DEFAULTS.withMethod(method), t.noise());
        double[] out = new double[IvimFit.OUTPUTS];
        FitStatus status = fit.voxel().fit(sorted[1], out);
        return new double[] {out[IvimFit.F], out[IvimFit.D], out[IvimFit.DSTAR], status.code()};
    }

    /** {distinct ascending b, mean signal at each}. */
    static double[][] distinct(double[] b, double[] s) {
        Integer[] order = new Integer[b.length];
        for (int i = 0; i < b.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(b[x], b[y]));
        List<double[]> groups = new ArrayList<>();
        for (int i : order) {
            double[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && last[0] == b[i]) {
                last[1] += s[i];
                last[2]++;
            } else {
                groups.add(new double[] {b[i], s[i], 1});
            }
        }
        double[][] out = new double[2][groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            out[0][g] = groups.get(g)[0];
            out[1][g] = groups.get(g)[1] / groups.get(g)[2];
        }
        return out;
    }

    private static void judge(List<ConformanceCase> cases, Tissue t, double[] seg, double[] full) {
        String status = seg[3] == 0
                ? ""
                : "fit status " + FitStatus.ofCode((int) seg[3]).meaning() + "; ";
        cases.add(new ConformanceCase(
                t.label(), "f", t.f(), seg[0], F_ATOL, RTOL, true, status + relative(t.f(), seg[0])));
        boolean dJudged = t.f() <= D_JUDGED_UP_TO_F;
        cases.add(new ConformanceCase(
                t.label(),
                "D (mm²/s)",
                t.d(),
                seg[1],
                D_ATOL,
                RTOL,
                dJudged,
                dJudged ? relative(t.d(), seg[1]) : "not judged: f > " + D_JUDGED_UP_TO_F));
        if (dJudged && t.d() <= D_ATOL) {
            cases.add(new ConformanceCase(
                    t.label(),
                    "D relative (mm²/s)",
                    t.d(),
                    seg[1],
                    0,
                    RTOL,
                    true,
                    "the suite's D atol exceeds D here; judged within 10 % as well: " + relative(t.d(), seg[1])));
        }
        boolean dsJudged = t.f() >= DSTAR_JUDGED_FROM_F;
        cases.add(new ConformanceCase(
                t.label(),
                "D* (mm²/s)",
                t.dStar(),
                seg[2],
                DSTAR_ATOL,
                RTOL,
                dsJudged,
                dsJudged ? relative(t.dStar(), seg[2]) : "not judged: f < " + DSTAR_JUDGED_FROM_F));
        String[] names = {"f (full fit)", "D (full fit, mm²/s)", "D* (full fit, mm²/s)"};
        double[] ref = {t.f(), t.d(), t.dStar()};
        double[] atol = {F_ATOL, D_ATOL, DSTAR_ATOL};
        for (int k = 0; k < 3; k++) {
            cases.add(new ConformanceCase(
                    t.label(),
                    names[k],
                    ref[k],
                    full[k],
                    atol[k],
                    RTOL,
                    false,
                    "unjudged; " + relative(ref[k], full[k])));
        }
    }

    private static String relative(double reference, double measured) {
        return String.format(
                Locale.ROOT, "relative error %+.1f %%", 100 * (measured - reference) / Math.abs(reference));
    }
}
