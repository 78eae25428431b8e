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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ferrum.liver.iron.BodyIron;
import org.ferrum.liver.iron.Chelator;
import org.ferrum.liver.iron.TransfusionalIron;

/**
 * A small synthetic demo cohort, clearly labelled {@value #LABEL}: 8 thalassaemia-major and 4 sickle-cell subjects on
 * deferasirox, deferoxamine or deferiprone at different doses (3–5 visits over 2–3 years, transfusions every 3–5
 * weeks, liver LIC by R2* and by QSM), and 3 spinal-metastasis subjects with lesions and Ktrans, ADC and T1 over
 * visits, and 12 haemodialysis subjects with brain χ and R2* per deep grey nucleus over 3–4 scan days (some with a pre-
 * and a post-dialysis scan), ferritin, transferrin saturation and IV iron ({@link HaemodialysisDemo}, whose Javadoc
 * states the simulated truth). No real person's data; nothing here is clinical evidence.
 *
 * <p>How it is made (deterministic, seed {@value #SEED}): each iron subject's true LIC evolves by iron mass balance —
 * daily transfusional iron ({@link TransfusionalIron}) minus a drug-dependent excretion proportional to the dose,
 * turned into LIC through total body iron ({@link BodyIron}, 10.6 mg/kg per mg/g) — floored at 0.5 mg/g; the measured
 * LIC_R2* is the truth with 5 % noise, LIC_QSM the truth × 0.93 with 7 % noise (QSM reading slightly lower, as in the
 * demo story of the charts). Tumour Ktrans falls and ADC rises under treatment, with noise. Rows carry explicit ids so
 * that the database and the CSV files in {@code testdata/demo-cohort/} ({@link #writeCsv}) agree; the application
 * generates the cohort in code rather than reading those files, so it works from a bare module jar.
 */
public final class DemoCohort {

    /** The label every demo subject carries in its notes. */
    public static final String LABEL = "DEMO — synthetic data";

    /** The random seed. */
    public static final long SEED = 20_261_130L;

    /** Excretion in mg Fe/kg/day per mg/kg/day of drug — illustrative values for the synthetic story only. */
    private static final double[] EXCRETION_PER_DOSE = {0.009, 0.010, 0.0035}; // deferoxamine, deferasirox, deferiprone

    private final List<Subject> subjects = new ArrayList<>();
    private final List<Visit> visits = new ArrayList<>();
    private final List<RoiMeasurement> measurements = new ArrayList<>();
    private final List<Transfusion> transfusions = new ArrayList<>();
    private final List<Chelation> chelation = new ArrayList<>();
    private final List<Lesion> lesions = new ArrayList<>();
    private final List<TumourMeasurement> tumour = new ArrayList<>();
    private final List<NucleusMeasurement> nuclei = new ArrayList<>();
    private final List<LabValue> labs = new ArrayList<>();
    private final List<DialysisSession> sessions = new ArrayList<>();

    private DemoCohort() {}

    /** The cohort; the same rows on every call. */
    public static DemoCohort generate() {
        DemoCohort c = new DemoCohort();
        Random rnd = new Random(SEED);
        Chelator[] drugs = {Chelator.DEFERASIROX, Chelator.DEFEROXAMINE, Chelator.DEFERIPRONE};
        double[][] doses = {{20, 30, 40}, {30, 40, 50}, {75, 90, 100}};
        for (int i = 0; i < 12; i++) {
            boolean thal = i < 8;
            String code = thal ? String.format("DEMO-T%02d", i + 1) : String.format("DEMO-S%02d", i - 7);
            double weight = Math.round(30 + rnd.nextDouble() * 40);
            Subject s = new Subject(
                    (long) c.subjects.size() + 1,
                    code,
                    rnd.nextBoolean() ? "F" : "M",
                    1990 + rnd.nextInt(18),
                    weight,
                    thal ? "thalassaemia major" : "sickle cell disease",
                    LABEL);
            c.subjects.add(s);
            int d = i % 3;
            Chelator drug = drugs[d];
            double dose = doses[d][(i / 3) % 3];
            LocalDate start = LocalDate.of(2022, 1, 10).plusDays(rnd.nextInt(180));
            int nVisits = 3 + rnd.nextInt(3);
            int spanDays = 730 + rnd.nextInt(366);
            c.chelation.add(new Chelation(
                    (long) c.chelation.size() + 1, s.id(), Chelation.drugName(drug), dose, start.minusDays(365), null));
            // transfusions from 3 months before the first visit to the last one
            LocalDate end = start.plusDays(spanDays);
            double mlPerKg = thal ? 12 : 10;
            List<LocalDate> txDates = new ArrayList<>();
            for (LocalDate t = start.minusDays(90);
                    !t.isAfter(end);
                    t = t.plusDays(thal ? 21 + rnd.nextInt(8) : 28 + rnd.nextInt(8))) {
                double volume = Math.round(mlPerKg * weight / 10) * 10.0;
                double hct = Math.round((0.55 + rnd.nextDouble() * 0.1) * 100) / 100.0;
                c.transfusions.add(new Transfusion((long) c.transfusions.size() + 1, s.id(), t, volume, hct));
                txDates.add(t);
            }
            double intakeMgPerKgPerDay =
                    TransfusionalIron.intakeMg(mlPerKg * weight, 0.6) / weight / (thal ? 24.5 : 31.5);
            double netMgPerKgPerDay = intakeMgPerKgPerDay - EXCRETION_PER_DOSE[drug.ordinal()] * dose;
            double lic0 = 3 + rnd.nextDouble() * 17;
            for (int v = 0; v < nVisits; v++) {
                int day =
                        v == 0 ? 0 : v == nVisits - 1 ? spanDays : spanDays * v / (nVisits - 1) + rnd.nextInt(31) - 15;
                LocalDate date = start.plusDays(day);
                double truth = Math.max(0.5, lic0 + netMgPerKgPerDay * day / BodyIron.ANGELUCCI_MG_PER_KG_PER_LIC);
                Visit visit = new Visit(
                        (long) c.visits.size() + 1, s.id(), date, weight + Math.round(rnd.nextGaussian() * 10) / 10.0);
                c.visits.add(visit);
                c.lic(visit.id(), LicSeries.LIC_R2STAR, truth * (1 + 0.05 * rnd.nextGaussian()), rnd);
                c.lic(visit.id(), LicSeries.LIC_QSM, truth * 0.93 * (1 + 0.07 * rnd.nextGaussian()), rnd);
            }
        }
        String[] primaries = {"breast", "prostate", "lung"};
        String[][] sites = {
            {"T11 vertebral body", "L2 vertebral body"}, {"L4 vertebral body"}, {"T7 vertebral body", "sacrum S1"}
        };
        for (int m = 0; m < 3; m++) {
            Subject s = new Subject(
                    (long) c.subjects.size() + 1,
                    String.format("DEMO-M%02d", m + 1),
                    m == 1 ? "M" : m == 0 ? "F" : "M",
                    1950 + rnd.nextInt(20),
                    (double) Math.round(55 + rnd.nextDouble() * 30),
                    "spinal metastasis (" + primaries[m] + ")",
                    LABEL);
            c.subjects.add(s);
            LocalDate start = LocalDate.of(2023, 3, 1).plusDays(rnd.nextInt(120));
            int nVisits = 3 + rnd.nextInt(2);
            List<Visit> own = new ArrayList<>();
            for (int v = 0; v < nVisits; v++) {
                Visit visit = new Visit(
                        (long) c.visits.size() + 1, s.id(), start.plusDays(v * (84 + rnd.nextInt(14))), s.weightKg());
                c.visits.add(visit);
                own.add(visit);
            }
            for (String site : sites[m]) {
                Lesion lesion = new Lesion(
                        (long) c.lesions.size() + 1, s.id(), site, site.contains("sacrum") ? "sacrum" : "spine");
                c.lesions.add(lesion);
                double ktrans0 = 0.12 + rnd.nextDouble() * 0.1;
                double adc0 = 0.8e-3 + rnd.nextDouble() * 0.2e-3;
                double t10 = 1300 + rnd.nextDouble() * 300;
                double response = 0.15 + rnd.nextDouble() * 0.2; // fractional change per visit under treatment
                for (int v = 0; v < own.size(); v++) {
                    long vid = own.get(v).id();
                    c.tumour(
                            lesion.id(),
                            vid,
                            "ktrans",
                            round(ktrans0 * Math.pow(1 - response, v) * (1 + 0.08 * rnd.nextGaussian()), 4),
                            "1/min");
                    c.tumour(
                            lesion.id(),
                            vid,
                            "adc",
                            round(adc0 * (1 + response * v) * (1 + 0.04 * rnd.nextGaussian()), 7),
                            "mm²/s");
                    c.tumour(
                            lesion.id(),
                            vid,
                            "t1",
                            round(t10 * (1 - 0.05 * v) * (1 + 0.03 * rnd.nextGaussian()), 0),
                            "ms");
                }
            }
        }
        HaemodialysisDemo.add(c.subjects, c.visits, c.nuclei, c.labs, c.sessions);
        return c;
    }

    private void lic(long visitId, String kind, double median, Random rnd) {
        double m = round(Math.max(0.3, median), 2);
        measurements.add(new RoiMeasurement(
                (long) measurements.size() + 1,
                visitId,
                kind,
                LicSeries.LIVER,
                1,
                2000 + rnd.nextInt(2000),
                m,
                round(m * 0.9, 2),
                round(m * 1.1, 2),
                round(m * 1.01, 2),
                round(m * 0.12, 2),
                "mg Fe/g dw",
                "{\"source\":\"" + LABEL + "\",\"generator\":\"org.ferrum.study.DemoCohort\",\"seed\":" + SEED + "}"));
    }

    private void tumour(long lesionId, long visitId, String parameter, double value, String unit) {
        tumour.add(new TumourMeasurement((long) tumour.size() + 1, lesionId, visitId, parameter, value, unit));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    public List<Subject> subjects() {
        return List.copyOf(subjects);
    }

    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    /** The rows of each table, parents first. */
    public List<List<? extends Record>> tables() {
        return List.of(
                subjects, visits, measurements, nuclei, transfusions, chelation, labs, sessions, lesions, tumour);
    }

    /**
     * Loads the cohort into {@code db} in one transaction if it holds no subject yet (first start); otherwise leaves it
     * alone.
     *
     * @return true if loaded
     */
    public boolean loadInto(StudyDatabase db) throws StudyException {
        return db.inTransaction(r -> {
            if (r.count(Subject.class) > 0) {
                return false;
            }
            for (List<? extends Record> rows : tables()) {
                for (Record row : rows) {
                    r.insert(row);
                }
                if (!rows.isEmpty()) {
                    r.restartIdentity(rows.get(0).getClass());
                }
            }
            return true;
        });
    }

    /** Writes one CSV per table ({@link StudyCsv} format) into {@code directory}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void writeCsv(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (List<? extends Record> rows : tables()) {
            Class type = rows.get(0).getClass();
            Files.writeString(directory.resolve(StudyCsv.fileName(type)), StudyCsv.format(type, (List) rows));
        }
    }

    /** Writes the CSV files: {@code DemoCohort DIRECTORY} (used to refresh {@code testdata/demo-cohort/}). */
    public static void main(String[] args) throws IOException {
        generate().writeCsv(Path.of(args.length > 0 ? args[0] : "testdata/demo-cohort"));
    }
}
