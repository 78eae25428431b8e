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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brain iron over visits as the study database holds it: the per-nucleus measurements of every visit with the subject's
 * covariates at that visit (dialysis vintage, serum ferritin, transferrin saturation, cumulative intravenous iron).
 *
 * <p>Contract of {@link #of}: one {@link Point} per visit, nucleus, hemisphere and map — when several rows of a visit
 * measured the same (re-runs), the one saved last (highest key) wins, as in {@link VisitMeasurements}; ordered by
 * subject code, visit date, session label ({@value Visit#PRE_DIALYSIS} before {@value Visit#POST_DIALYSIS}), nucleus,
 * hemisphere, map. Covariates at a visit ({@link #covariatesAt}):
 *
 * <ul>
 *   <li>dialysis vintage = (visit date − {@link Subject#dialysisStartDate}) in years of 365.25 days; NaN without a start;
 *   <li>ferritin and transferrin saturation = the latest sample on or before the visit date and at most
 *       {@value #LAB_WINDOW_DAYS} days before it (haemodialysis units draw them monthly to quarterly), in µg/l and %;
 *       NaN if there is none — an older value says little about iron stores today;
 *   <li>cumulative IV iron = the IV iron (mg) of every recorded session before the visit date, plus that day's sessions
 *       for a {@value Visit#POST_DIALYSIS} scan (given during the session the scan followed); 0 with no sessions.
 * </ul>
 */
public final class BrainIron {

    /** How far back a lab value may lie before a visit and still describe it. */
    public static final int LAB_WINDOW_DAYS = 92;

    /** Days per year for vintage and time axes (the Julian year). */
    public static final double DAYS_PER_YEAR = 365.25;

    /**
     * The covariates of a visit (NaN: not known).
     *
     * @param vintageYears                 dialysis vintage at the visit, years
     * @param ferritinUgPerL               serum ferritin, µg/l
     * @param transferrinSaturationPercent transferrin saturation, %
     * @param cumulativeIvIronMg           IV iron recorded up to the visit, mg elemental iron
     */
    public record Covariates(
            double vintageYears,
            double ferritinUgPerL,
            double transferrinSaturationPercent,
            double cumulativeIvIronMg) {}

    /**
     * One nucleus measurement of one visit with the visit's covariates.
     *
     * @param subject     the subject
     * @param visit       the visit (date, session label, field strength)
     * @param measurement the row
     * @param covariates  covariates at the visit
     */
    public record Point(Subject subject, Visit visit, NucleusMeasurement measurement, Covariates covariates) {}

    private BrainIron() {}

    /** Every nucleus measurement of the study (see the class contract), read in one transaction. */
    public static List<Point> of(StudyDatabase db) throws StudyException {
        return db.inTransaction(repo -> {
            List<Point> out = new ArrayList<>();
            for (Subject s : repo.findAll(Subject.class)) {
                out.addAll(ofSubject(repo, s));
            }
            out.sort(ORDER);
            return out;
        });
    }

    /** The nucleus measurements of one subject (see the class contract). */
    public static List<Point> ofSubject(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(repo -> {
            Subject s = repo.find(Subject.class, subjectId)
                    .orElseThrow(() -> new StudyException("no subject with id " + subjectId, "subjects", "id", null));
            List<Point> out = new ArrayList<>(ofSubject(repo, s));
            out.sort(ORDER);
            return out;
        });
    }

    /** True if the study holds any nucleus measurement. */
    public static boolean any(StudyDatabase db) throws StudyException {
        return db.inTransaction(repo -> repo.count(NucleusMeasurement.class) > 0);
    }

    /** The nucleus measurements of one visit, by key. */
    public static List<NucleusMeasurement> ofVisit(StudyDatabase db, long visitId) throws StudyException {
        return db.inTransaction(repo -> repo.findBy(NucleusMeasurement.class, "visit_id", visitId));
    }

    /** A subject's lab values by sampling date. */
    public static List<LabValue> labValues(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(repo -> sortedLabs(repo, subjectId));
    }

    /** A subject's dialysis sessions by date. */
    public static List<DialysisSession> sessions(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(repo -> sortedSessions(repo, subjectId));
    }

    private static final Comparator<Point> ORDER = Comparator.comparing(
                    (Point p) -> p.subject().code())
            .thenComparing(p -> p.visit().visitDate())
            .thenComparing(p -> sessionOrder(p.visit().sessionLabel()))
            .thenComparing(p -> p.measurement().nucleus())
            .thenComparing(p -> p.measurement().hemisphere())
            .thenComparing(p -> p.measurement().map());

    /** Pre-dialysis before post-dialysis; other labels after, by name. */
    private static String sessionOrder(String label) {
        return switch (label) {
            case "" -> "0";
            case Visit.PRE_DIALYSIS -> "1";
            case Visit.POST_DIALYSIS -> "2";
            default -> "3" + label;
        };
    }

    private static List<Point> ofSubject(StudyRepository repo, Subject s) throws StudyException {
        List<LabValue> labs = sortedLabs(repo, s.id());
        List<DialysisSession> sessions = sortedSessions(repo, s.id());
        List<Point> out = new ArrayList<>();
        for (Visit v : repo.visitsOf(s.id())) {
            List<NucleusMeasurement> rows = new ArrayList<>(repo.findBy(NucleusMeasurement.class, "visit_id", v.id()));
            if (rows.isEmpty()) {
                continue;
            }
            rows.sort(Comparator.comparing(NucleusMeasurement::id));
            Map<String, NucleusMeasurement> latest = new LinkedHashMap<>();
            for (NucleusMeasurement m : rows) {
                latest.put(m.nucleus() + "\u0000" + m.hemisphere() + "\u0000" + m.map(), m);
            }
            Covariates c = covariatesAt(s, v, labs, sessions);
            for (NucleusMeasurement m : latest.values()) {
                out.add(new Point(s, v, m, c));
            }
        }
        return out;
    }

    private static List<LabValue> sortedLabs(StudyRepository repo, long subjectId) throws StudyException {
        List<LabValue> labs = new ArrayList<>(repo.findBy(LabValue.class, "subject_id", subjectId));
        labs.sort(Comparator.comparing(LabValue::sampleDate).thenComparing(LabValue::id));
        return labs;
    }

    private static List<DialysisSession> sortedSessions(StudyRepository repo, long subjectId) throws StudyException {
        List<DialysisSession> sessions = new ArrayList<>(repo.findBy(DialysisSession.class, "subject_id", subjectId));
        sessions.sort(Comparator.comparing(DialysisSession::sessionDate).thenComparing(DialysisSession::id));
        return sessions;
    }

    /** The covariates of a visit from the subject's lab values and sessions (see the class contract). */
    public static Covariates covariatesAt(Subject s, Visit v, List<LabValue> labs, List<DialysisSession> sessions) {
        LocalDate day = v.visitDate();
        double vintage = s.dialysisStartDate() == null
                ? Double.NaN
                : ChronoUnit.DAYS.between(s.dialysisStartDate(), day) / DAYS_PER_YEAR;
        double iron = 0;
        boolean post = Visit.POST_DIALYSIS.equals(v.sessionLabel());
        for (DialysisSession d : sessions) {
            if (d.sessionDate().isBefore(day) || post && d.sessionDate().equals(day)) {
                iron += d.ivIronMg();
            }
        }
        return new Covariates(
                vintage,
                latestLab(labs, LabValue.FERRITIN, day),
                latestLab(labs, LabValue.TRANSFERRIN_SATURATION, day),
                iron);
    }

    /** The latest value of an analyte on or before {@code day} within {@link #LAB_WINDOW_DAYS}, standard unit; NaN. */
    static double latestLab(List<LabValue> labs, String analyte, LocalDate day) {
        double value = Double.NaN;
        LocalDate when = null;
        for (LabValue l : labs) {
            if (!l.analyte().equals(analyte) || l.sampleDate().isAfter(day)) {
                continue;
            }
            if (ChronoUnit.DAYS.between(l.sampleDate(), day) > LAB_WINDOW_DAYS) {
                continue;
            }
            if (when == null || !l.sampleDate().isBefore(when)) {
                when = l.sampleDate();
                value = l.inStandardUnit();
            }
        }
        return value;
    }
}
