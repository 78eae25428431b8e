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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.core.statistics.LeastSquaresLine;
import org.ferrum.liver.iron.LicChange;

/**
 * One subject's liver iron concentration over time in one liver region, by both methods: the median of the region's ROI
 * of the {@code lic_qsm} and {@code lic_r2star} maps at each visit, in mg Fe/g dry weight.
 *
 * <p>Contract: visits by date; a visit appears if it has at least one of the two measurements in the region; a missing
 * one is NaN. Region names are matched through {@link LiverRegion#ofRecorded}, so the demo cohort's {@code liver}
 * and a liver pipeline's {@code liver right lobe}/{@code liver left lobe} rows are both found. The whole liver
 * ({@link #of(StudyDatabase, long)}) is {@link LiverRegion#wholeLiver} per visit and method: the {@code liver} row, else
 * the voxel-weighted mean of the recorded regions' medians; {@link #combined} says whether any point was made so. One
 * query walks the subject's visits through the {@code (subject_id, visit_date)} index and each visit's ROI rows through
 * {@code (visit_id, map_kind, region)}.
 *
 * @param subjectId the subject
 * @param region    the liver region
 * @param points    the visits with LIC, by date
 * @param combined  true if a point of the whole liver is a mean of regional medians (no whole-liver ROI recorded)
 */
public record LicSeries(long subjectId, LiverRegion region, List<Point> points, boolean combined) {

    /** The name the whole liver's ROI rows are recorded under ({@link LiverRegion#WHOLE_LIVER}). */
    public static final String LIVER = LiverRegion.WHOLE_LIVER.recordedName();

    /** Map kinds of the two LIC methods. */
    public static final String LIC_QSM = "lic_qsm";

    public static final String LIC_R2STAR = "lic_r2star";

    /**
     * LIC at one visit.
     *
     * @param visitId   the visit
     * @param date      its date
     * @param licQsm    LIC from susceptibility (mg Fe/g dw), NaN if not measured
     * @param licR2star LIC from R2* (mg Fe/g dw), NaN if not measured
     */
    public record Point(long visitId, LocalDate date, double licQsm, double licR2star) {}

    public LicSeries {
        points = List.copyOf(points);
    }

    /** The whole-liver series of one subject. */
    public static LicSeries of(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(r -> of(r, subjectId));
    }

    /** The whole-liver series of one subject, inside a transaction. */
    public static LicSeries of(StudyRepository r, long subjectId) throws StudyException {
        return byRegion(r, subjectId)
                .getOrDefault(
                        LiverRegion.WHOLE_LIVER, new LicSeries(subjectId, LiverRegion.WHOLE_LIVER, List.of(), false));
    }

    /** The series of every liver region with LIC data, whole liver first, then in {@link LiverRegion} order. */
    public static Map<LiverRegion, LicSeries> byRegion(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(r -> byRegion(r, subjectId));
    }

    /** {@link #byRegion(StudyDatabase, long)} inside a transaction. */
    public static Map<LiverRegion, LicSeries> byRegion(StudyRepository r, long subjectId) throws StudyException {
        String sql = "SELECT v.id, v.visit_date, m.map_kind, m.region, m.median, m.n FROM visits v"
                + " JOIN roi_measurements m ON m.visit_id = v.id AND m.map_kind IN (?, ?)"
                + " WHERE v.subject_id = ? AND m.median IS NOT NULL ORDER BY v.visit_date, v.id";
        // visit → method (0 QSM, 1 R2*) → region values
        Map<Long, List<List<LiverRegion.Value>>> values = new LinkedHashMap<>();
        Map<Long, LocalDate> dates = new LinkedHashMap<>();
        try (PreparedStatement s = r.connection().prepareStatement(sql)) {
            s.setString(1, LIC_QSM);
            s.setString(2, LIC_R2STAR);
            s.setLong(3, subjectId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    java.util.Optional<LiverRegion> region = LiverRegion.ofRecorded(rs.getString(4));
                    double median = rs.getDouble(5);
                    if (region.isEmpty() || !Double.isFinite(median)) {
                        continue;
                    }
                    long visit = rs.getLong(1);
                    dates.putIfAbsent(visit, rs.getDate(2).toLocalDate());
                    int method = LIC_QSM.equals(rs.getString(3)) ? 0 : 1;
                    values.computeIfAbsent(visit, k -> List.of(new ArrayList<>(), new ArrayList<>()))
                            .get(method)
                            .add(new LiverRegion.Value(region.get(), median, rs.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, "roi_measurements");
        }
        Map<LiverRegion, LicSeries> out = new LinkedHashMap<>();
        for (LiverRegion region : LiverRegion.values()) {
            List<Point> points = new ArrayList<>();
            boolean combined = false;
            for (Map.Entry<Long, List<List<LiverRegion.Value>>> visit : values.entrySet()) {
                double[] lic = new double[2];
                for (int method = 0; method < 2; method++) {
                    List<LiverRegion.Value> v = visit.getValue().get(method);
                    if (region == LiverRegion.WHOLE_LIVER) {
                        lic[method] = LiverRegion.wholeLiver(v);
                        combined |= Double.isFinite(lic[method])
                                && v.stream().noneMatch(x -> x.region() == LiverRegion.WHOLE_LIVER);
                    } else {
                        lic[method] = v.stream()
                                .filter(x -> x.region() == region)
                                .mapToDouble(LiverRegion.Value::median)
                                .findFirst()
                                .orElse(Double.NaN);
                    }
                }
                if (Double.isFinite(lic[0]) || Double.isFinite(lic[1])) {
                    points.add(new Point(visit.getKey(), dates.get(visit.getKey()), lic[0], lic[1]));
                }
            }
            if (!points.isEmpty()) {
                out.put(region, new LicSeries(subjectId, region, points, combined));
            }
        }
        return out;
    }

    /**
     * Annual LIC change by least squares: the slope of LIC against time in Julian years ({@link LicChange#DAYS_PER_YEAR}),
     * over the pairs with a finite LIC. With two visits this is exactly {@link LicChange#mgPerGDryWeightPerYear}; with
     * more it uses every visit instead of only the end points, so one noisy scan moves it less. NaN with fewer than two
     * visits or all on one day.
     *
     * @param dates visit dates
     * @param lic   LIC at those dates (mg Fe/g dw), NaN where missing
     * @return mg Fe/g dw per year
     */
    public static double annualChange(List<LocalDate> dates, double[] lic) {
        LocalDate origin = null;
        double[] t = new double[lic.length];
        double[] y = new double[lic.length];
        int n = 0;
        for (int i = 0; i < lic.length; i++) {
            if (Double.isFinite(lic[i])) {
                origin = origin == null ? dates.get(i) : origin;
                t[n] = years(origin, dates.get(i));
                y[n++] = lic[i];
            }
        }
        if (n < 2 || java.util.Arrays.stream(t, 0, n).distinct().count() < 2) {
            return Double.NaN;
        }
        return LeastSquaresLine.fit(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(y, n))
                .slope();
    }

    private static double years(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / LicChange.DAYS_PER_YEAR;
    }
}
