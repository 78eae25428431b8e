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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.liver.iron.Chelator;
import org.ferrum.liver.iron.IronBalanceRegression;
import org.ferrum.liver.iron.TransfusionalIron;

/**
 * Per subject of the cohort: visits, first and last LIC, annual LIC change, transfusional iron rate and chelation —
 * the inputs of the iron balance analysis ({@link IronBalanceRegression}).
 *
 * <p>Contract, per subject with at least one visit (subjects by code):
 * <ul>
 * <li>visits: count, first and last date;</li>
 * <li>first/last LIC: the whole-liver value of the chosen method ({@link LicSeries#LIC_R2STAR} by default, the
 *     clinical reference; {@link LiverRegion#wholeLiver}: the {@code liver} ROI median, else the voxel-weighted mean
 *     of the liver regions' medians) at the first/last visit that has one; NaN if none;</li>
 * <li>annual ΔLIC: least-squares slope over all those visits ({@link LicSeries#annualChange});</li>
 * <li>transfusional iron, mg Fe/kg/day: the transfusions dated in [first visit, last visit) — those that fed the
 *     iron seen between the scans — as red-cell volume Σ volume·haematocrit, through
 *     {@link TransfusionalIron#intakeMg} and {@link TransfusionalIron#mgPerKgPerDay} over the days between first and
 *     last visit, with the mean recorded visit weight (else the subject's weight); NaN without weight or interval;</li>
 * <li>chelation: the regimen in effect at the last visit (latest start on or before it), drug and dose; null/NaN if
 *     none.</li>
 * </ul>
 * Computed with five set-wise queries (no query per subject), so a 10,000-subject cohort takes well under a second.
 */
public final class CohortSummary {

    /**
     * One subject's line.
     *
     * @param subjectId                      the subject
     * @param code                           its study code
     * @param diagnosis                      its diagnosis
     * @param visits                         number of visits
     * @param firstVisit                     date of the first visit
     * @param lastVisit                      date of the last visit
     * @param firstLic                       LIC at the first visit with one (mg Fe/g dw)
     * @param lastLic                        LIC at the last visit with one (mg Fe/g dw)
     * @param annualLicChange                least-squares ΔLIC per year (mg Fe/g dw/year)
     * @param transfusionalIronMgPerKgPerDay mean transfusional iron rate
     * @param chelator                       drug at the last visit, or null
     * @param chelatorDoseMgPerKgPerDay      its dose, NaN if none
     */
    public record SubjectLine(
            long subjectId,
            String code,
            String diagnosis,
            int visits,
            LocalDate firstVisit,
            LocalDate lastVisit,
            double firstLic,
            double lastLic,
            double annualLicChange,
            double transfusionalIronMgPerKgPerDay,
            String chelator,
            double chelatorDoseMgPerKgPerDay) {}

    private CohortSummary() {}

    /** The summary with LIC from R2*. */
    public static List<SubjectLine> compute(StudyDatabase db) throws StudyException {
        return compute(db, LicSeries.LIC_R2STAR);
    }

    /** The summary with LIC from the map kind {@code licKind} ({@link LicSeries#LIC_QSM} or {@link LicSeries#LIC_R2STAR}). */
    public static List<SubjectLine> compute(StudyDatabase db, String licKind) throws StudyException {
        return db.inTransaction(r -> compute(r, licKind));
    }

    public static List<SubjectLine> compute(StudyRepository r, String licKind) throws StudyException {
        try {
            var c = r.connection();
            Map<Long, Object[]> visits = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT subject_id, COUNT(*), MIN(visit_date), MAX(visit_date), AVG(weight_kg) FROM visits GROUP BY subject_id")) {
                while (rs.next()) {
                    double w = rs.getDouble(5);
                    visits.put(rs.getLong(1), new Object[] {
                        rs.getInt(2),
                        rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(),
                        rs.wasNull() ? Double.NaN : w
                    });
                }
            }
            Map<Long, List<LocalDate>> licDates = new HashMap<>();
            Map<Long, List<Double>> licValues = new HashMap<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT v.subject_id, v.id, v.visit_date, m.region, m.median, m.n"
                            + " FROM roi_measurements m JOIN visits v ON v.id = m.visit_id WHERE m.map_kind = ? AND m.median IS NOT NULL"
                            + " ORDER BY v.subject_id, v.visit_date, v.id")) {
                s.setString(1, licKind);
                try (ResultSet rs = s.executeQuery()) {
                    long subject = -1;
                    long visit = -1;
                    LocalDate date = null;
                    List<LiverRegion.Value> atVisit = new ArrayList<>();
                    while (true) {
                        boolean more = rs.next();
                        if (!more || rs.getLong(2) != visit) {
                            double whole = LiverRegion.wholeLiver(atVisit);
                            if (Double.isFinite(whole)) {
                                licDates.computeIfAbsent(subject, k -> new ArrayList<>())
                                        .add(date);
                                licValues
                                        .computeIfAbsent(subject, k -> new ArrayList<>())
                                        .add(whole);
                            }
                            if (!more) {
                                break;
                            }
                            subject = rs.getLong(1);
                            visit = rs.getLong(2);
                            date = rs.getDate(3).toLocalDate();
                            atVisit = new ArrayList<>();
                        }
                        java.util.Optional<LiverRegion> region = LiverRegion.ofRecorded(rs.getString(4));
                        if (region.isPresent()) {
                            atVisit.add(new LiverRegion.Value(region.get(), rs.getDouble(5), rs.getInt(6)));
                        }
                    }
                }
            }
            Map<Long, Double> redCellMl = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT t.subject_id, SUM(t.volume_ml * t.haematocrit) FROM transfusions t"
                                    + " JOIN (SELECT subject_id, MIN(visit_date) AS first_visit, MAX(visit_date) AS last_visit FROM visits"
                                    + " GROUP BY subject_id) v ON v.subject_id = t.subject_id"
                                    + " WHERE t.transfusion_date >= v.first_visit AND t.transfusion_date < v.last_visit GROUP BY t.subject_id")) {
                while (rs.next()) {
                    redCellMl.put(rs.getLong(1), rs.getDouble(2));
                }
            }
            Map<Long, List<Chelation>> chelation = new HashMap<>();
            for (Chelation ch : r.findAll(Chelation.class)) {
                chelation
                        .computeIfAbsent(ch.subjectId(), k -> new ArrayList<>())
                        .add(ch);
            }
            List<SubjectLine> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT id, code, diagnosis, weight_kg FROM subjects ORDER BY code")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Object[] v = visits.get(id);
                    if (v == null) {
                        continue;
                    }
                    double subjectWeight = rs.getDouble(4);
                    subjectWeight = rs.wasNull() ? Double.NaN : subjectWeight;
                    LocalDate first = (LocalDate) v[1];
                    LocalDate last = (LocalDate) v[2];
                    double weight = Double.isNaN((Double) v[3]) ? subjectWeight : (Double) v[3];
                    List<LocalDate> dates = licDates.getOrDefault(id, List.of());
                    double[] lic = licValues.getOrDefault(id, List.of()).stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray();
                    long days = ChronoUnit.DAYS.between(first, last);
                    double rate = Double.NaN;
                    if (days > 0 && weight > 0) {
                        double intake = TransfusionalIron.intakeMg(redCellMl.getOrDefault(id, 0.0), 1.0);
                        rate = TransfusionalIron.mgPerKgPerDay(intake, weight, days);
                    }
                    Chelation regimen = null;
                    for (Chelation ch : chelation.getOrDefault(id, List.of())) {
                        if (!ch.startDate().isAfter(last)
                                && (regimen == null || ch.startDate().isAfter(regimen.startDate()))) {
                            regimen = ch;
                        }
                    }
                    out.add(new SubjectLine(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            (Integer) v[0],
                            first,
                            last,
                            lic.length == 0 ? Double.NaN : lic[0],
                            lic.length == 0 ? Double.NaN : lic[lic.length - 1],
                            LicSeries.annualChange(dates, lic),
                            rate,
                            regimen == null ? null : regimen.drug(),
                            regimen == null ? Double.NaN : regimen.doseMgPerKgPerDay()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, "visits");
        }
    }

    /**
     * The iron balance regression ΔLIC = β₀ + β₁·iron intake + β₂·dose over the subjects on {@code chelator} with finite
     * values ({@link IronBalanceRegression#fit}).
     */
    public static IronBalanceRegression ironBalance(List<SubjectLine> lines, Chelator chelator) {
        String drug = Chelation.drugName(chelator);
        List<SubjectLine> use = lines.stream()
                .filter(l -> drug.equals(l.chelator())
                        && Double.isFinite(l.annualLicChange())
                        && Double.isFinite(l.transfusionalIronMgPerKgPerDay())
                        && Double.isFinite(l.chelatorDoseMgPerKgPerDay()))
                .toList();
        return IronBalanceRegression.fit(
                use.stream().mapToDouble(SubjectLine::annualLicChange).toArray(),
                use.stream()
                        .mapToDouble(SubjectLine::transfusionalIronMgPerKgPerDay)
                        .toArray(),
                use.stream().mapToDouble(SubjectLine::chelatorDoseMgPerKgPerDay).toArray());
    }
}
