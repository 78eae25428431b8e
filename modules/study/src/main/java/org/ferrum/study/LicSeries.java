package org.ferrum.study;

import org.ferrum.liver.LeastSquaresLine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.liver.iron.LicChange;

/**
 * One subject's liver iron concentration over time, by both methods: the median of the liver ROI of the
 * {@code lic_qsm} and {@code lic_r2star} maps at each visit, in mg Fe/g dry weight.
 *
 * <p>Contract: visits by date; a visit appears if it has at least one of the two measurements in the region named
 * {@link #LIVER} (case-insensitive); a missing one is NaN. The query walks the subject's visits through the
 * {@code (subject_id, visit_date)} index and each visit's ROI rows through {@code (visit_id, map_kind, region)}.
 *
 * @param subjectId the subject
 * @param points    the visits with LIC, by date
 */
public record LicSeries(long subjectId, List<Point> points) {

    /** The ROI region whose medians are the liver LIC. */
    public static final String LIVER = "liver";

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
    public record Point(long visitId, LocalDate date, double licQsm, double licR2star) {
    }

    public LicSeries {
        points = List.copyOf(points);
    }

    /** The series of one subject. */
    public static LicSeries of(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(r -> of(r, subjectId));
    }

    /** The series of one subject, inside a transaction. */
    public static LicSeries of(StudyRepository r, long subjectId) throws StudyException {
        String sql = "SELECT v.id, v.visit_date, m.map_kind, m.median FROM visits v"
                + " JOIN roi_measurements m ON m.visit_id = v.id AND m.map_kind IN (?, ?) AND LOWER(m.region) = ?"
                + " WHERE v.subject_id = ? ORDER BY v.visit_date, m.map_kind";
        Map<Long, double[]> values = new LinkedHashMap<>();
        Map<Long, LocalDate> dates = new LinkedHashMap<>();
        try (PreparedStatement s = r.connection().prepareStatement(sql)) {
            s.setString(1, LIC_QSM);
            s.setString(2, LIC_R2STAR);
            s.setString(3, LIVER);
            s.setLong(4, subjectId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long visit = rs.getLong(1);
                    dates.putIfAbsent(visit, rs.getDate(2).toLocalDate());
                    double[] v = values.computeIfAbsent(visit, k -> new double[] {Double.NaN, Double.NaN});
                    double median = rs.getDouble(4);
                    v[LIC_QSM.equals(rs.getString(3)) ? 0 : 1] = rs.wasNull() ? Double.NaN : median;
                }
            }
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, "roi_measurements");
        }
        List<Point> points = new ArrayList<>();
        values.forEach((visit, v) -> points.add(new Point(visit, dates.get(visit), v[0], v[1])));
        return new LicSeries(subjectId, points);
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
        return LeastSquaresLine.fit(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(y, n)).slope();
    }

    private static double years(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / LicChange.DAYS_PER_YEAR;
    }
}
