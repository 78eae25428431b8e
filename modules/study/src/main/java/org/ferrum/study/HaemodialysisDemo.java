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
package org.ferrum.study;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The haemodialysis part of the {@link DemoCohort} (issue 18): 12 synthetic subjects (DEMO-H01…H12) on haemodialysis,
 * 3–4 scan days over about two years, brain χ and R2* per deep grey nucleus and hemisphere as
 * {@code brain.nuclei.measure} would save them, monthly ferritin and transferrin saturation, quarterly haemoglobin,
 * and the sessions at which IV iron was given. Every number is simulated; nothing here is clinical evidence.
 *
 * <p>The truth (what the Brain iron tab should recover, within noise): χ of a nucleus referenced to CSF, in ppb,
 * follows α<sub>i</sub> + β<sub>i</sub>·t with t = years since the subject's first scan, α<sub>i</sub> = the nucleus
 * baseline of {@link #NUCLEI} + N(0, 12 ppb) per subject and β<sub>i</sub> = the nucleus slope of {@link #NUCLEI}
 * (e.g. putamen {@value #PUTAMEN_SLOPE_PPB_PER_YEAR} ppb/year) + N(0, 1 ppb/year) per subject; each hemisphere gets
 * independent measurement noise N(0, 3 ppb), "both" is the mean of left and right. The CSF median of each scan is
 * N(−5, 2) ppb and white matter N(−25, 3) ppb, so the raw medians vary with the reference and the referenced ones do
 * not. The six subjects H01–H06 have one scan day with a pre- and a post-dialysis scan; post − pre χ is +1.5 ppb on
 * average (an assumption of this demo, sd 2 ppb), to show the paired chart, not a finding. R2* = R2*₀·B0/3 T +
 * 0.12 s⁻¹/ppb × raw χ with R2*₀ = 15 s⁻¹ at 3 T (R2* scales with the field, χ does not); H11 and H12 had their
 * first scan at 1.5 T, the rest at 3 T — so the R2* charts warn. Ferritin, TSAT and IV iron do not enter the
 * simulated χ: a model with them as covariates should find their coefficients near 0. Only sessions with IV iron
 * are recorded (a real import would list every session).
 */
final class HaemodialysisDemo {

    /** Random seed of this part (the rest of the demo keeps {@link DemoCohort#SEED}, so its rows did not change). */
    static final long SEED = 20_261_207L;

    /** The true mean χ slope of the putamen, ppb per year. */
    static final double PUTAMEN_SLOPE_PPB_PER_YEAR = 4.0;

    /** Nucleus, baseline χ referenced to CSF (ppb), mean slope (ppb/year), voxels per hemisphere at 1 mm³. */
    record Nucleus(String name, double baselinePpb, double slopePpbPerYear, int voxels) {}

    static final List<Nucleus> NUCLEI = List.of(
            new Nucleus("caudate", 45, 2.5, 3800),
            new Nucleus("putamen", 55, PUTAMEN_SLOPE_PPB_PER_YEAR, 5200),
            new Nucleus("globus pallidus", 120, 3.0, 1600),
            new Nucleus("thalamus", 5, 0.5, 7500),
            new Nucleus("substantia nigra", 100, 3.5, 450),
            new Nucleus("red nucleus", 80, 2.5, 250),
            new Nucleus("dentate", 75, 2.0, 900));

    /** Mean post − pre dialysis χ of this demo, ppb. */
    static final double POST_MINUS_PRE_PPB = 1.5;

    private HaemodialysisDemo() {}

    /** Adds the subjects and their rows to the lists (explicit ids continuing theirs). */
    static void add(
            List<Subject> subjects,
            List<Visit> visits,
            List<NucleusMeasurement> nuclei,
            List<LabValue> labs,
            List<DialysisSession> sessions) {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 12; i++) {
            long id = subjects.size() + 1;
            LocalDate first = LocalDate.of(2023, 2, 1).plusDays(rnd.nextInt(150));
            LocalDate dialysisStart = first.minusDays(180 + rnd.nextInt(8 * 365));
            Subject s = new Subject(
                    id,
                    String.format("DEMO-H%02d", i + 1),
                    rnd.nextBoolean() ? "F" : "M",
                    1945 + rnd.nextInt(35),
                    (double) Math.round(55 + rnd.nextDouble() * 35),
                    "end-stage kidney disease on haemodialysis",
                    DemoCohort.LABEL,
                    dialysisStart);
            subjects.add(s);
            // scan days: 0, ~8, ~16 (and ~24) months
            int days = 3 + rnd.nextInt(2);
            List<LocalDate> scanDays = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                scanDays.add(first.plusDays(d == 0 ? 0 : d * 243L + rnd.nextInt(31) - 15));
            }
            LocalDate last = scanDays.get(scanDays.size() - 1);
            // labs: ferritin and TSAT monthly, haemoglobin quarterly, from 3 months before the first scan
            double ferritin0 = 250 + rnd.nextDouble() * 550;
            double tsat0 = 20 + rnd.nextDouble() * 15;
            int month = 0;
            for (LocalDate d = first.minusDays(90); !d.isAfter(last); d = d.plusDays(28 + rnd.nextInt(6)), month++) {
                labs.add(new LabValue(
                        (long) labs.size() + 1,
                        id,
                        d,
                        LabValue.FERRITIN,
                        Math.round(ferritin0 * (1 + 0.15 * rnd.nextGaussian())),
                        "µg/l"));
                labs.add(new LabValue(
                        (long) labs.size() + 1,
                        id,
                        d,
                        LabValue.TRANSFERRIN_SATURATION,
                        round(Math.max(5, tsat0 + 4 * rnd.nextGaussian()), 1),
                        "%"));
                if (month % 3 == 0) {
                    labs.add(new LabValue(
                            (long) labs.size() + 1,
                            id,
                            d,
                            LabValue.HAEMOGLOBIN,
                            round(10.5 + 0.8 * rnd.nextGaussian(), 1),
                            "g/dl"));
                }
            }
            // IV iron sucrose: proactive (200 mg every 2 weeks) or reactive (100 mg every 2 weeks) regimen
            double dose = i % 2 == 0 ? 200 : 100;
            for (LocalDate d = first.minusDays(90); !d.isAfter(last); d = d.plusDays(14)) {
                sessions.add(new DialysisSession(
                        (long) sessions.size() + 1,
                        id,
                        d,
                        i % 4 == 3 ? "haemodiafiltration" : "haemodialysis",
                        240.0,
                        dose,
                        "iron sucrose",
                        (double) Math.round(1500 + rnd.nextDouble() * 1500)));
            }
            double[] alpha = new double[NUCLEI.size()];
            double[] beta = new double[NUCLEI.size()];
            for (int k = 0; k < alpha.length; k++) {
                alpha[k] = NUCLEI.get(k).baselinePpb() + 12 * rnd.nextGaussian();
                beta[k] = NUCLEI.get(k).slopePpbPerYear() + rnd.nextGaussian();
            }
            double weight = s.weightKg();
            for (int d = 0; d < scanDays.size(); d++) {
                LocalDate day = scanDays.get(d);
                double t = (day.toEpochDay() - first.toEpochDay()) / BrainIron.DAYS_PER_YEAR;
                double b0 = d == 0 && i >= 10 ? 1.5 : 3.0;
                boolean paired = i < 6 && d == 1;
                for (String label : paired ? List.of(Visit.PRE_DIALYSIS, Visit.POST_DIALYSIS) : List.of("")) {
                    boolean post = Visit.POST_DIALYSIS.equals(label);
                    Visit v = new Visit(
                            (long) visits.size() + 1,
                            id,
                            day,
                            round(weight + 0.5 * rnd.nextGaussian() - (post ? 2 : 0), 1),
                            label,
                            b0);
                    visits.add(v);
                    double csf = -5 + 2 * rnd.nextGaussian();
                    double wm = -25 + 3 * rnd.nextGaussian();
                    double shift = post ? POST_MINUS_PRE_PPB + 2 * rnd.nextGaussian() : 0;
                    for (int k = 0; k < NUCLEI.size(); k++) {
                        Nucleus nuc = NUCLEI.get(k);
                        double truth = alpha[k] + beta[k] * t + shift;
                        double left = truth + 3 * rnd.nextGaussian();
                        double right = truth + 3 * rnd.nextGaussian();
                        double[] values = {left, right, (left + right) / 2};
                        String[] sides = {"left", "right", "both"};
                        for (int h = 0; h < 3; h++) {
                            int n = (h == 2 ? 2 : 1) * nuc.voxels() + rnd.nextInt(100);
                            double referenced = values[h];
                            double raw = referenced + csf;
                            nuclei.add(row(nuclei, v.id(), nuc, sides[h], h, "chi", "ppb", n, raw, csf, wm, 12));
                            double r2 = 15 * b0 / 3 + 0.12 * raw;
                            nuclei.add(row(nuclei, v.id(), nuc, sides[h], h, "r2star", "1/s", n, r2, 0, 0, 2.5));
                        }
                    }
                }
            }
        }
    }

    /** One row; χ rows referenced to CSF and white matter, R2* rows not (reference "none"). */
    private static NucleusMeasurement row(
            List<NucleusMeasurement> rows,
            long visitId,
            Nucleus nuc,
            String side,
            int sideIndex,
            String map,
            String unit,
            int n,
            double median,
            double csf,
            double wm,
            double spread) {
        boolean chi = map.equals("chi");
        double m = round(median, 1);
        double q1 = round(median - 0.67 * spread, 1);
        double q3 = round(median + 0.67 * spread, 1);
        double c = round(csf, 1);
        double w = round(wm, 1);
        double mean = round(median + 0.1 * spread, 1);
        return new NucleusMeasurement(
                (long) rows.size() + 1,
                visitId,
                null,
                nuc.name(),
                side,
                labels(nuc, sideIndex),
                map,
                unit,
                n,
                0,
                mean,
                m,
                q1,
                q3,
                round(q3 - q1, 1),
                round(spread, 1),
                chi ? "csf" : NucleusMeasurement.NONE,
                chi ? c : null,
                chi ? round(mean - c, 1) : null,
                chi ? round(m - c, 1) : null,
                chi ? "white_matter" : NucleusMeasurement.NONE,
                chi ? w : null,
                chi ? round(mean - w, 1) : null,
                chi ? round(m - w, 1) : null);
    }

    /** FreeSurfer aseg values where the structure has one (caudate 11/50, putamen 12/51, pallidum 13/52, thalamus 10/49). */
    private static String labels(Nucleus nuc, int side) {
        int[] lr =
                switch (nuc.name()) {
                    case "caudate" -> new int[] {11, 50};
                    case "putamen" -> new int[] {12, 51};
                    case "globus pallidus" -> new int[] {13, 52};
                    case "thalamus" -> new int[] {10, 49};
                    default -> null; // grown on χ (brain.nuclei.grow): no atlas value
                };
        if (lr == null) {
            return null;
        }
        return side == 0 ? "" + lr[0] : side == 1 ? "" + lr[1] : lr[0] + "+" + lr[1];
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
