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
package org.ferrum.study.ui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.ferrum.charts.BrainIronOverVisitsChart;
import org.ferrum.charts.BrainIronTrend;
import org.ferrum.charts.ChartData;
import org.ferrum.charts.ChiR2starScatter;
import org.ferrum.charts.NucleusObservation;
import org.ferrum.charts.PlottedChart;
import org.ferrum.charts.PlottedChartPanel;
import org.ferrum.charts.PrePostDialysisChart;
import org.ferrum.study.BrainIron;
import org.ferrum.study.NucleusMeasurement;

/**
 * The study browser's "Brain iron" tab (issue 18, item 5): choose nucleus, hemisphere, map (χ or R2*), reference
 * (CSF, white matter, whole brain, or none), χ unit and covariates; shows the nucleus across visits with subjects as
 * lines and the cohort trend of the mixed model ({@link BrainIronTrend}), the model table (estimate, SE, 95 % CI per
 * fixed effect, variance components, converged), the paired pre/post-dialysis differences and χ against R2*. Each chart
 * exports PNG/SVG/PDF/CSV through its popup ({@link PlottedChartPanel}); the model table through its button.
 *
 * <p>Covariates come from the study database at each scan ({@link BrainIron.Covariates}); dialysis vintage enters as
 * its value at the subject's first scan (a subject-level covariate: the vintage at each scan would be that plus the time
 * axis itself).
 */
final class BrainIronView extends JPanel {

    /** Tab title, and component names for GUI tests. */
    static final String TAB = "Brain iron";

    static final String NAME_NUCLEUS = "brainIron.nucleus",
            NAME_HEMISPHERE = "brainIron.hemisphere",
            NAME_MAP = "brainIron.map",
            NAME_REFERENCE = "brainIron.reference",
            NAME_UNIT = "brainIron.unit",
            NAME_MODEL_TABLE = "brainIron.model",
            NAME_EXPORT_MODEL = "brainIron.exportModel",
            NAME_TREND_CHART = "brainIron.trendChart",
            NAME_PAIRED_CHART = "brainIron.pairedChart",
            NAME_SCATTER = "brainIron.scatter";

    /** The covariates offered, named with their unit (the names used in the model and its table). */
    static final String VINTAGE = "dialysis vintage at first scan [y]",
            FERRITIN = "ferritin [µg/l]",
            TSAT = "transferrin saturation [%]",
            IV_IRON = "cumulative IV iron [g]";

    static final List<String> COVARIATES = List.of(VINTAGE, FERRITIN, TSAT, IV_IRON);

    /** What the user chose. */
    record Selection(
            String nucleus, String hemisphere, String map, String reference, String unit, List<String> covariates) {}

    private final List<BrainIron.Point> points;
    private final JComboBox<String> nucleus;
    private final JComboBox<String> hemisphere = new JComboBox<>(new String[] {"left", "right", "both"});
    private final JComboBox<String> map = new JComboBox<>(new String[] {"chi", "r2star"});
    private final JComboBox<String> reference =
            new JComboBox<>(new String[] {"csf", "white_matter", "whole_brain", NucleusMeasurement.NONE});
    private final JComboBox<String> unit = new JComboBox<>(new String[] {"ppb", "ppm"});
    private final Map<String, JCheckBox> covariates = new LinkedHashMap<>();
    private final JPanel charts = new JPanel(new BorderLayout());
    private final DefaultTableModel modelTable = new DefaultTableModel();
    private ChartData modelData;

    BrainIronView(List<BrainIron.Point> points) {
        super(new BorderLayout());
        this.points = List.copyOf(points);
        TreeSet<String> nuclei = new TreeSet<>();
        points.forEach(p -> nuclei.add(p.measurement().nucleus()));
        nucleus = new JComboBox<>(nuclei.toArray(String[]::new));
        if (nuclei.contains("putamen")) {
            nucleus.setSelectedItem("putamen");
        }
        nucleus.setName(NAME_NUCLEUS);
        hemisphere.setName(NAME_HEMISPHERE);
        map.setName(NAME_MAP);
        reference.setName(NAME_REFERENCE);
        unit.setName(NAME_UNIT);
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
        top.add(labelled("Nucleus:", nucleus));
        top.add(labelled("Hemisphere:", hemisphere));
        top.add(labelled("Map:", map));
        top.add(labelled("Reference:", reference));
        top.add(labelled("χ unit:", unit));
        // Covariates on a row of their own: beside the choosers they ran off the right edge at 1600 px.
        JPanel covariateRow = new JPanel(new FlowLayout(FlowLayout.LEFT));
        covariateRow.add(new JLabel("Covariates:"));
        for (String c : COVARIATES) {
            JCheckBox box = new JCheckBox(c);
            box.setName("brainIron.covariate." + COVARIATES.indexOf(c));
            box.addActionListener(e -> refresh());
            covariates.put(c, box);
            covariateRow.add(box);
        }
        JPanel controls = new JPanel(new java.awt.GridLayout(2, 1));
        controls.add(top);
        controls.add(covariateRow);
        for (JComboBox<String> b : List.of(nucleus, hemisphere, map, reference, unit)) {
            b.addActionListener(e -> refresh());
        }
        add(controls, BorderLayout.NORTH);
        add(charts, BorderLayout.CENTER);
        refresh();
    }

    private static JComponent labelled(String text, JComponent c) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 2, 0));
        JLabel l = new JLabel(text);
        l.setLabelFor(c);
        p.add(l);
        p.add(c);
        return p;
    }

    Selection selection() {
        List<String> chosen = covariates.entrySet().stream()
                .filter(e -> e.getValue().isSelected())
                .map(Map.Entry::getKey)
                .toList();
        return new Selection(
                (String) nucleus.getSelectedItem(),
                (String) hemisphere.getSelectedItem(),
                (String) map.getSelectedItem(),
                (String) reference.getSelectedItem(),
                (String) unit.getSelectedItem(),
                chosen);
    }

    /** Rebuilds charts and table for the current selection. */
    private void refresh() {
        boolean chi = "chi".equals(map.getSelectedItem());
        reference.setEnabled(chi);
        unit.setEnabled(chi);
        Selection s = selection();
        Views v = views(points, s);
        charts.removeAll();
        modelData = v.model();
        modelTable.setDataVector(
                rows(v.model()),
                v.model().columns().stream().map(ChartData.Column::name).toArray());
        JTable table = new JTable(modelTable);
        table.setName(NAME_MODEL_TABLE);
        // The term names ("random intercept SD", "REML log-likelihood") and the fit's message need room to be read.
        for (int c = 0; c < table.getColumnCount(); c++) {
            table.getColumnModel().getColumn(c).setPreferredWidth(c == 0 ? 190 : c == 1 ? 150 : 70);
        }
        JButton export = new JButton("Export model table (CSV)…");
        export.setName(NAME_EXPORT_MODEL);
        export.addActionListener(e -> exportModel());
        JPanel tablePane = new JPanel(new BorderLayout());
        JLabel heading = new JLabel("Mixed model: fixed effects (Wald 95 % CI) and variance components");
        heading.setBorder(BorderFactory.createEmptyBorder(3, 4, 3, 4));
        tablePane.add(heading, BorderLayout.NORTH);
        tablePane.add(new JScrollPane(table), BorderLayout.CENTER);
        tablePane.add(export, BorderLayout.SOUTH);
        PlottedChartPanel trend = new PlottedChartPanel(v.trend());
        trend.setName(NAME_TREND_CHART);
        PlottedChartPanel paired = new PlottedChartPanel(v.paired());
        paired.setName(NAME_PAIRED_CHART);
        PlottedChartPanel scatter = new PlottedChartPanel(v.scatter());
        scatter.setName(NAME_SCATTER);
        JSplitPane upper = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, trend, tablePane);
        upper.setResizeWeight(0.65);
        JSplitPane lower = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, paired, scatter);
        lower.setResizeWeight(0.5);
        JSplitPane all = new JSplitPane(JSplitPane.VERTICAL_SPLIT, upper, lower);
        all.setResizeWeight(0.6);
        charts.add(all, BorderLayout.CENTER);
        charts.revalidate();
        charts.repaint();
    }

    private void exportModel() {
        JFileChooser chooser = new JFileChooser();
        chooser.setSelectedFile(new java.io.File("brain-iron-model.csv"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION && modelData != null) {
            try {
                Files.writeString(chooser.getSelectedFile().toPath(), modelData.toCsv());
            } catch (java.io.IOException e) {
                javax.swing.JOptionPane.showMessageDialog(
                        this, "Cannot write " + chooser.getSelectedFile() + ": " + e.getMessage());
            }
        }
    }

    /** Writes the model table as CSV (as the button does). */
    void exportModel(Path file) throws java.io.IOException {
        Files.writeString(file, modelData.toCsv());
    }

    private static Object[][] rows(ChartData d) {
        Object[][] out = new Object[d.rows().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.rows().get(i).stream()
                    .map(c ->
                            c instanceof Double x ? (Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.4g", x)) : c)
                    .toArray();
        }
        return out;
    }

    /** What the tab shows for a selection. */
    record Views(
            List<NucleusObservation> observations,
            BrainIronTrend.Result fit,
            PlottedChart trend,
            ChartData model,
            PlottedChart paired,
            PlottedChart scatter) {}

    /** The charts and the model of a selection (no Swing: testable headless). */
    static Views views(List<BrainIron.Point> points, Selection s) {
        boolean chi = "chi".equals(s.map());
        String ref = chi ? s.reference() : NucleusMeasurement.NONE;
        String valueUnit = chi ? s.unit() : "1/s";
        List<NucleusObservation> obs = observations(points, s.nucleus(), s.hemisphere(), s.map(), ref, valueUnit);
        String name = valueName(s.map(), ref);
        String where = title(s.nucleus()) + ", " + s.hemisphere();
        BrainIronTrend.Result fit = BrainIronTrend.fit(obs, s.covariates());
        PlottedChart trend = BrainIronOverVisitsChart.create(
                where + ": " + name + " across visits", name + " [" + valueUnit + "]", valueUnit, s.map(), obs, fit);
        PlottedChart paired = PrePostDialysisChart.create(
                where + ": " + name + ", post − pre dialysis", name, valueUnit, s.map(), obs);
        String chiUnit = chi ? s.unit() : "ppb";
        String chiRef = chi ? s.reference() : "csf";
        List<NucleusObservation> chiObs = observations(points, s.nucleus(), s.hemisphere(), "chi", chiRef, chiUnit);
        List<NucleusObservation> r2Obs =
                observations(points, s.nucleus(), s.hemisphere(), "r2star", NucleusMeasurement.NONE, "1/s");
        List<ChiR2starScatter.Point> pairs = new ArrayList<>();
        for (NucleusObservation c : chiObs) {
            for (NucleusObservation r : r2Obs) {
                if (r.subject().equals(c.subject())
                        && r.date().equals(c.date())
                        && r.session().equals(c.session())) {
                    pairs.add(new ChiR2starScatter.Point(
                            c.subject(), c.date(), c.session(), c.value(), r.value(), c.fieldStrengthT()));
                }
            }
        }
        String chiName = valueName("chi", chiRef);
        PlottedChart scatter = ChiR2starScatter.create(
                where + ": " + chiName + " against R2*", chiName + " [" + chiUnit + "]", chiUnit, pairs);
        return new Views(obs, fit, trend, BrainIronTrend.table(fit, valueUnit), paired, scatter);
    }

    /**
     * The observations of one nucleus, hemisphere and map, referenced to {@code reference} ("none": raw) in
     * {@code unit}, with the covariates of {@link #COVARIATES}; scans whose row lacks that reference are left out.
     */
    static List<NucleusObservation> observations(
            List<BrainIron.Point> points,
            String nucleus,
            String hemisphere,
            String map,
            String reference,
            String unit) {
        Map<String, Double> vintageAtFirst = new LinkedHashMap<>();
        Map<String, java.time.LocalDate> first = new LinkedHashMap<>();
        for (BrainIron.Point p : points) {
            String code = p.subject().code();
            if (!first.containsKey(code) || p.visit().visitDate().isBefore(first.get(code))) {
                first.put(code, p.visit().visitDate());
                vintageAtFirst.put(code, p.covariates().vintageYears());
            }
        }
        List<NucleusObservation> out = new ArrayList<>();
        for (BrainIron.Point p : points) {
            NucleusMeasurement m = p.measurement();
            if (!m.nucleus().equals(nucleus)
                    || !m.hemisphere().equals(hemisphere)
                    || !m.map().equals(map)) {
                continue;
            }
            double v = m.median(reference, "1/s".equals(unit) ? null : unit);
            if (!Double.isFinite(v)) {
                continue;
            }
            BrainIron.Covariates c = p.covariates();
            Map<String, Double> cov = Map.of(
                    VINTAGE, vintageAtFirst.get(p.subject().code()),
                    FERRITIN, c.ferritinUgPerL(),
                    TSAT, c.transferrinSaturationPercent(),
                    IV_IRON, c.cumulativeIvIronMg() / 1000);
            Double b0 = p.visit().fieldStrengthT();
            out.add(new NucleusObservation(
                    p.subject().code(),
                    p.visit().visitDate(),
                    p.visit().sessionLabel(),
                    v,
                    b0 == null ? Double.NaN : b0,
                    cov));
        }
        return out;
    }

    /** "χ − χ(CSF)", "χ (not referenced)" or "R2*". */
    static String valueName(String map, String reference) {
        if (!"chi".equals(map)) {
            return "R2*";
        }
        return switch (Objects.requireNonNullElse(reference, NucleusMeasurement.NONE)) {
            case "csf" -> "χ − χ(CSF)";
            case "white_matter" -> "χ − χ(white matter)";
            case "whole_brain" -> "χ − χ(whole brain)";
            default -> "χ (not referenced)";
        };
    }

    private static String title(String nucleus) {
        String n = nucleus.replace('_', ' ');
        return n.isEmpty() ? n : Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
