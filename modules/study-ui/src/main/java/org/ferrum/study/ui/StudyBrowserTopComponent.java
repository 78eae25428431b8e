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
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import org.ferrum.charts.IronBalanceChart;
import org.ferrum.charts.IronBalancePoint;
import org.ferrum.charts.LicObservation;
import org.ferrum.charts.LicOverTimeChart;
import org.ferrum.charts.PlottedChartPanel;
import org.ferrum.charts.ResponseOverVisitsChart;
import org.ferrum.charts.TumourObservation;
import org.ferrum.charts.TumourResponseChart;
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.ferrum.study.BrainIron;
import org.ferrum.study.CohortSummary;
import org.ferrum.study.DemoCohort;
import org.ferrum.study.DerivedMap;
import org.ferrum.study.Lesion;
import org.ferrum.study.LicSeries;
import org.ferrum.study.LiverRegion;
import org.ferrum.study.NucleusMeasurement;
import org.ferrum.study.RoiMeasurement;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.ferrum.study.Subject;
import org.ferrum.study.TumourMeasurement;
import org.ferrum.study.Visit;
import org.ferrum.study.VisitMeasurements;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.util.RequestProcessor;
import org.openide.windows.Mode;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * The study browser: subjects → visits → maps and measurements (left), and for the selected subject its LIC over time
 * (both methods, clinical bands) and its lesions' percent change, plus the cohort's summary and annual ΔLIC against
 * transfusional iron (right). Reads the {@link StudyWorkspace} database on a background thread.
 */
public final class StudyBrowserTopComponent extends TopComponent {

    private static final RequestProcessor LOADER = new RequestProcessor("study browser", 1);
    /** Typical repeatability of ADC/Ktrans percent change used for the band when no replicate data are in the study. */
    private static final double DEFAULT_RC_PERCENT = 20;

    private final JTree tree = new JTree(new DefaultMutableTreeNode("Study"));
    private final JTabbedPane tabs = new JTabbedPane();
    private final JLabel status = new JLabel(" ");
    /** Tabs that stay when another subject is chosen: Cohort, and Brain iron when the study has nucleus measurements. */
    private int fixedTabs = 1;

    public StudyBrowserTopComponent() {
        setName("Study");
        setToolTipText("Subjects, visits, maps and measurements of the study database, with LIC and tumour charts");
        setLayout(new BorderLayout());
        tree.setRootVisible(true);
        tree.addTreeSelectionListener(e -> selectionChanged());
        tree.setToolTipText("Double-click a map to view it, a visit to view all its maps side by side");
        tree.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2
                        && tree.getLastSelectedPathComponent() instanceof DefaultMutableTreeNode n
                        && n.getUserObject() instanceof Item item) {
                    open(item);
                }
            }
        });
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(tree), tabs);
        split.setDividerLocation(300);
        add(split, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        reload();
    }

    @Override
    public int getPersistenceType() {
        return PERSISTENCE_NEVER;
    }

    @Override
    protected String preferredID() {
        return "StudyBrowser";
    }

    /** Opens (or shows) the browser in the editor area. */
    public static void showBrowser() {
        for (TopComponent tc : TopComponent.getRegistry().getOpened()) {
            if (tc instanceof StudyBrowserTopComponent) {
                tc.requestActive();
                return;
            }
        }
        StudyBrowserTopComponent tc = new StudyBrowserTopComponent();
        Mode editor = WindowManager.getDefault().findMode("editor");
        if (editor != null) {
            editor.dockInto(tc);
        }
        tc.open();
        tc.requestActive();
    }

    /** A map opens in the viewer; a visit opens all its maps linked side by side. */
    private void open(Item item) {
        if (item.row() instanceof DerivedMap m) {
            org.ferrum.viewer.ViewerTopComponent.openPath(java.nio.file.Path.of(m.path()));
        } else if (item.row() instanceof Visit v) {
            LOADER.post(() -> {
                try {
                    List<org.ferrum.viewer.NamedVolume> maps = DemoMaps.read(StudyWorkspace.database(), v.id());
                    if (maps.isEmpty()) {
                        SwingUtilities.invokeLater(
                                () -> status.setText("visit " + v.visitDate() + " has no maps to show"));
                    } else {
                        org.ferrum.viewer.compare.CompareMaps.open("visit " + v.visitDate(), maps);
                    }
                } catch (StudyException e) {
                    SwingUtilities.invokeLater(() -> status.setText(e.getMessage()));
                }
            });
        }
    }

    /** Re-reads the open browser, if any (after a run was saved to the study). */
    static void reloadOpen() {
        javax.swing.SwingUtilities.invokeLater(() -> {
            for (TopComponent tc : TopComponent.getRegistry().getOpened()) {
                if (tc instanceof StudyBrowserTopComponent b) {
                    b.reload();
                }
            }
        });
    }

    /** Re-reads subjects, visits and the cohort summary. */
    public void reload() {
        status.setText("reading the study database…");
        LOADER.post(() -> {
            StudyDatabase db = StudyWorkspace.database();
            if (db == null) {
                SwingUtilities.invokeLater(
                        () -> status.setText("study database not available: " + StudyWorkspace.failure()));
                return;
            }
            try {
                DefaultMutableTreeNode root = treeOf(db);
                List<CohortSummary.SubjectLine> cohort = CohortSummary.compute(db);
                List<BrainIron.Point> brain = BrainIron.of(db);
                SwingUtilities.invokeLater(() -> {
                    tree.setModel(new DefaultTreeModel(root));
                    tree.expandRow(0);
                    showCohort(cohort);
                    showBrainIron(brain);
                    status.setText(db.url());
                    if (root.getChildCount() > 0) {
                        tree.setSelectionRow(1);
                    }
                });
            } catch (StudyException e) {
                SwingUtilities.invokeLater(() -> status.setText("cannot read the study: " + e.getMessage()));
            }
        });
    }

    /** Tree content: subjects (code, diagnosis) → visits (date) → maps and ROI measurements. */
    private static DefaultMutableTreeNode treeOf(StudyDatabase db) throws StudyException {
        return db.inTransaction(repo -> {
            List<Subject> subjects = new ArrayList<>(repo.findAll(Subject.class));
            subjects.sort(Comparator.comparing(Subject::code));
            boolean demo = subjects.stream()
                    .anyMatch(s -> s.notes() != null && s.notes().contains(DemoCohort.LABEL));
            DefaultMutableTreeNode root = new DefaultMutableTreeNode(new Item(
                    "Study: " + subjects.size() + " subjects" + (demo ? " (" + DemoCohort.LABEL + ")" : ""), null));
            for (Subject s : subjects) {
                DefaultMutableTreeNode sn = new DefaultMutableTreeNode(new Item(
                        // a subject a cohort run created has no diagnosis recorded: its code alone, not "— null"
                        s.diagnosis() == null || s.diagnosis().isBlank() ? s.code() : s.code() + " — " + s.diagnosis(),
                        s));
                for (Visit v : repo.visitsOf(s.id())) {
                    DefaultMutableTreeNode vn = new DefaultMutableTreeNode(new Item(
                            "visit " + v.describe()
                                    + (v.fieldStrengthT() == null
                                            ? ""
                                            : String.format(Locale.ROOT, " (%.3g T)", v.fieldStrengthT())),
                            v));
                    for (DerivedMap m : repo.findBy(DerivedMap.class, "visit_id", v.id())) {
                        vn.add(new DefaultMutableTreeNode(new Item("map " + m.kind() + " (" + m.unit() + ")", m)));
                    }
                    for (RoiMeasurement r : repo.findBy(RoiMeasurement.class, "visit_id", v.id())) {
                        vn.add(new DefaultMutableTreeNode(new Item(
                                String.format(
                                        Locale.ROOT,
                                        "%s %s: median %.3g %s",
                                        r.region(),
                                        r.mapKind(),
                                        r.median(),
                                        r.unit()),
                                r)));
                    }
                    int nuclei = repo.findBy(NucleusMeasurement.class, "visit_id", v.id())
                            .size();
                    if (nuclei > 0) {
                        vn.add(new DefaultMutableTreeNode(new Item(
                                "brain iron: " + nuclei + " nucleus measurements (see the Brain iron tab)", null)));
                    }
                    sn.add(vn);
                }
                root.add(sn);
            }
            return root;
        });
    }

    private void selectionChanged() {
        Object o = tree.getLastSelectedPathComponent();
        if (!(o instanceof DefaultMutableTreeNode node)) {
            return;
        }
        Subject subject = subjectOf(node);
        if (subject == null) {
            return;
        }
        LOADER.post(() -> {
            StudyDatabase db = StudyWorkspace.database();
            try {
                Map<LiverRegion, LicSeries> lic = LicSeries.byRegion(db, subject.id());
                List<TumourObservation> tumour = tumourOf(db, subject.id());
                List<VisitMeasurements.Point> runs = VisitMeasurements.of(db, subject.id());
                SwingUtilities.invokeLater(() -> showSubject(subject, lic, tumour, runs));
            } catch (StudyException e) {
                SwingUtilities.invokeLater(() -> status.setText(e.getMessage()));
            }
        });
    }

    private static Subject subjectOf(DefaultMutableTreeNode node) {
        for (Object p : node.getUserObjectPath()) {
            if (p instanceof Item i && i.row() instanceof Subject s) {
                return s;
            }
        }
        return null;
    }

    private static List<TumourObservation> tumourOf(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(repo -> {
            Map<Long, Visit> visits = new LinkedHashMap<>();
            repo.visitsOf(subjectId).forEach(v -> visits.put(v.id(), v));
            List<TumourObservation> out = new ArrayList<>();
            for (Lesion l : repo.findBy(Lesion.class, "subject_id", subjectId)) {
                for (TumourMeasurement m : repo.findBy(TumourMeasurement.class, "lesion_id", l.id())) {
                    Visit v = visits.get(m.visitId());
                    if (v != null) {
                        out.add(new TumourObservation(
                                l.name(), v.visitDate(), m.parameter(), m.measuredValue(), m.unit()));
                    }
                }
            }
            return out;
        });
    }

    private void showSubject(
            Subject subject,
            Map<LiverRegion, LicSeries> lic,
            List<TumourObservation> tumour,
            List<VisitMeasurements.Point> runs) {
        int selected = tabs.getSelectedIndex();
        while (tabs.getTabCount() > fixedTabs) {
            tabs.removeTabAt(fixedTabs);
        }
        if (!runs.isEmpty()) {
            tabs.addTab("Response " + subject.code(), responseView(subject.code(), runs));
        }
        if (!lic.isEmpty()) {
            tabs.addTab("LIC " + subject.code(), licView(subject.code(), lic));
        }
        tumour.stream()
                .map(TumourObservation::parameter)
                .distinct()
                .forEach(parameter -> tabs.addTab(
                        parameter + " " + subject.code(),
                        new PlottedChartPanel(TumourResponseChart.create(
                                parameter, tumour, RepeatabilityCoefficient.given(DEFAULT_RC_PERCENT)))));
        if (tabs.getTabCount() > fixedTabs) {
            tabs.setSelectedIndex(Math.max(fixedTabs, Math.min(selected, tabs.getTabCount() - 1)));
        } else if (selected >= tabs.getTabCount() || selected < 0) {
            tabs.setSelectedIndex(0);
        }
    }

    /**
     * The "Brain iron" tab after the Cohort tab when the study holds nucleus measurements ({@link BrainIronView}); gone
     * when it holds none.
     */
    private void showBrainIron(List<BrainIron.Point> points) {
        int at = tabs.indexOfTab(BrainIronView.TAB);
        if (points.isEmpty()) {
            if (at >= 0) {
                tabs.removeTabAt(at);
            }
            fixedTabs = 1;
            return;
        }
        BrainIronView view = new BrainIronView(points);
        if (at >= 0) {
            tabs.setComponentAt(at, view);
        } else {
            tabs.insertTab(
                    BrainIronView.TAB,
                    null,
                    view,
                    "Deep grey nuclei across visits: subjects as lines, mixed-model trend, pre/post-dialysis pairs",
                    Math.min(1, tabs.getTabCount()));
        }
        fixedTabs = 2;
    }

    /** Tab title prefix of the response-over-visits chart, for GUI tests. */
    static final String RESPONSE_TAB = "Response ";

    /**
     * The ROI measurements of the subject's saved pipeline runs as chart observations: region = ROI name, value = the
     * region's median.
     */
    static List<TumourObservation> observations(List<VisitMeasurements.Point> runs) {
        // A region with no voxels left (eroded away) has no median: nothing to chart for it.
        return runs.stream()
                .filter(p -> Double.isFinite(p.median()))
                .map(p -> new TumourObservation(
                        p.region(), p.date(), p.parameter(), p.median(), p.unit() == null ? "" : p.unit()))
                .toList();
    }

    /** The response-over-visits chart of saved runs ({@link ResponseOverVisitsChart}). */
    static org.ferrum.charts.PlottedChart responseChart(String subject, List<VisitMeasurements.Point> runs) {
        return ResponseOverVisitsChart.create(subject, observations(runs));
    }

    /** The response chart in a scroll pane, each parameter panel at a legible height. */
    static javax.swing.JComponent responseView(String subject, List<VisitMeasurements.Point> runs) {
        try {
            org.ferrum.charts.PlottedChart chart = responseChart(subject, runs);
            PlottedChartPanel panel = new PlottedChartPanel(chart);
            panel.setPreferredSize(new java.awt.Dimension(800, ResponseOverVisitsChart.exportHeight(chart)));
            List<String> left = org.ferrum.charts.ResponseOverVisits.unchartable(observations(runs));
            if (left.isEmpty()) {
                return new JScrollPane(panel);
            }
            javax.swing.JPanel withNote = new javax.swing.JPanel(new java.awt.BorderLayout());
            JLabel note =
                    new JLabel("<html>Not charted (baseline 0 or missing, e.g. a region outside the fitted mask): "
                            + String.join(", ", left) + "</html>");
            note.setName("responseChart.unchartable");
            note.setBorder(javax.swing.BorderFactory.createEmptyBorder(4, 6, 4, 6));
            withNote.add(note, java.awt.BorderLayout.NORTH);
            withNote.add(new JScrollPane(panel), java.awt.BorderLayout.CENTER);
            return withNote;
        } catch (IllegalArgumentException e) {
            return new JLabel("The saved runs cannot be charted: " + e.getMessage());
        }
    }

    /** Choices of the LIC chart's region chooser. */
    static final String WHOLE_LIVER = "whole liver", PER_REGION = "per region";
    /** Component name (setName) of the LIC chart's region chooser, for GUI tests. */
    static final String NAME_LIC_REGIONS = "studyBrowser.licRegions";

    /**
     * The LIC chart of a subject with a chooser above it: the whole liver (the recorded whole-liver ROI, else the
     * voxel-weighted mean of the regions' medians, which the chart then says) or one series pair per recorded region.
     */
    static javax.swing.JComponent licView(String subject, Map<LiverRegion, LicSeries> lic) {
        javax.swing.JPanel view = new javax.swing.JPanel(new BorderLayout());
        javax.swing.JComboBox<String> chooser = new javax.swing.JComboBox<>(new String[] {WHOLE_LIVER, PER_REGION});
        chooser.setName(NAME_LIC_REGIONS);
        boolean regional = lic.keySet().stream().anyMatch(r -> r != LiverRegion.WHOLE_LIVER);
        chooser.setEnabled(regional);
        chooser.setToolTipText(
                regional
                        ? "Show the whole liver, or each liver region recorded for this subject"
                        : "Only whole-liver measurements are recorded for this subject");
        javax.swing.JPanel top = new javax.swing.JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT));
        JLabel label = new JLabel("Liver:");
        label.setLabelFor(chooser);
        top.add(label);
        top.add(chooser);
        view.add(top, BorderLayout.NORTH);
        Runnable show = () -> {
            java.awt.Component old = ((BorderLayout) view.getLayout()).getLayoutComponent(BorderLayout.CENTER);
            if (old != null) {
                view.remove(old);
            }
            view.add(
                    new PlottedChartPanel(licChart(subject, lic, PER_REGION.equals(chooser.getSelectedItem()))),
                    BorderLayout.CENTER);
            view.revalidate();
            view.repaint();
        };
        chooser.addActionListener(e -> show.run());
        show.run();
        return view;
    }

    /** The whole-liver chart, or the per-region one (regions in {@link LiverRegion} order, whole liver left out). */
    static org.ferrum.charts.PlottedChart licChart(String subject, Map<LiverRegion, LicSeries> lic, boolean perRegion) {
        Map<String, List<LicObservation>> series = new LinkedHashMap<>();
        String note = null;
        if (perRegion) {
            lic.forEach((region, s) -> {
                if (region != LiverRegion.WHOLE_LIVER) {
                    series.put(region.label(), observations(s));
                }
            });
            note = "Median of each liver region's ROI";
        } else {
            LicSeries whole = lic.get(LiverRegion.WHOLE_LIVER);
            series.put("", whole == null ? List.of() : observations(whole));
            if (whole != null && whole.combined()) {
                note =
                        "Whole liver: voxel-weighted mean of the liver regions' medians where no whole-liver ROI was recorded";
            }
        }
        return LicOverTimeChart.create(subject, series, org.ferrum.charts.ClinicalBand.licThresholds(), note);
    }

    private static List<LicObservation> observations(LicSeries s) {
        return s.points().stream()
                .map(p -> new LicObservation(p.date(), p.licQsm(), p.licR2star()))
                .toList();
    }

    private void showCohort(List<CohortSummary.SubjectLine> cohort) {
        DefaultTableModel model = new DefaultTableModel(
                new Object[] {
                    "subject",
                    "diagnosis",
                    "visits",
                    "first LIC",
                    "last LIC",
                    "ΔLIC mg/g/yr",
                    "iron mg/kg/day",
                    "chelator",
                    "dose mg/kg/day"
                },
                0);
        List<IronBalancePoint> points = new ArrayList<>();
        List<CohortSummary.SubjectLine> withLic = withLicData(cohort);
        List<String> left = cohort.stream()
                .filter(l -> !withLic.contains(l))
                .map(CohortSummary.SubjectLine::code)
                .toList();
        for (CohortSummary.SubjectLine l : withLic) {
            model.addRow(new Object[] {
                l.code(),
                l.diagnosis(),
                l.visits(),
                round(l.firstLic()),
                round(l.lastLic()),
                round(l.annualLicChange()),
                round(l.transfusionalIronMgPerKgPerDay()),
                l.chelator(),
                round(l.chelatorDoseMgPerKgPerDay())
            });
            if (Double.isFinite(l.annualLicChange()) && Double.isFinite(l.transfusionalIronMgPerKgPerDay())) {
                points.add(new IronBalancePoint(
                        l.code(),
                        l.annualLicChange(),
                        l.transfusionalIronMgPerKgPerDay(),
                        l.chelator() == null ? "no chelator" : l.chelator() + doseBand(l.chelatorDoseMgPerKgPerDay())));
            }
        }
        JTable table = new JTable(model);
        table.setAutoCreateRowSorter(true);
        JLabel filter = new JLabel(cohortFilterText(withLic.size(), left));
        filter.setName(NAME_COHORT_FILTER);
        filter.setBorder(javax.swing.BorderFactory.createEmptyBorder(3, 4, 3, 4));
        javax.swing.JPanel tablePane = new javax.swing.JPanel(new BorderLayout());
        tablePane.add(filter, BorderLayout.NORTH);
        tablePane.add(new JScrollPane(table), BorderLayout.CENTER);
        JSplitPane cohortView = new JSplitPane(
                JSplitPane.VERTICAL_SPLIT,
                tablePane,
                points.isEmpty()
                        ? new JLabel("no subject with both a LIC trend and transfusion records")
                        : new PlottedChartPanel(IronBalanceChart.create(points)));
        cohortView.setDividerLocation(220);
        if (tabs.getTabCount() == 0) {
            tabs.addTab("Cohort", cohortView);
        } else {
            tabs.setComponentAt(0, cohortView);
        }
    }

    /** Component name of the cohort table's filter line. */
    static final String NAME_COHORT_FILTER = "studyBrowser.cohortFilter";

    /**
     * The iron table lists the subjects with liver iron (LIC) data only: the iron balance (ΔLIC against transfusional
     * iron) means nothing for a subject whose liver iron was never measured (spinal metastasis in the demo cohort), and
     * a 0.0 mg/kg/day line for them read as a measured zero.
     */
    static List<CohortSummary.SubjectLine> withLicData(List<CohortSummary.SubjectLine> cohort) {
        return cohort.stream().filter(l -> Double.isFinite(l.firstLic())).toList();
    }

    static String cohortFilterText(int listed, List<String> left) {
        return "Subjects with liver iron (LIC) data: " + listed
                + (left.isEmpty()
                        ? ""
                        : "; " + left.size() + " without LIC not listed (" + String.join(", ", left) + ")");
    }

    /** Dose groups of the iron-balance chart: below or from 30 mg/kg/day. */
    private static String doseBand(double dose) {
        return !Double.isFinite(dose) ? "" : dose < 30 ? " < 30 mg/kg/d" : " ≥ 30 mg/kg/d";
    }

    private static Object round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : "";
    }

    /** A tree entry: its text and the database row behind it. */
    private record Item(String text, Object row) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Window ▸ Study Browser. */
    @ActionID(category = "Window", id = "org.ferrum.study.ui.StudyBrowser")
    @ActionRegistration(displayName = "Study Browser")
    @ActionReference(path = "Menu/Window", position = 10)
    public static final class Open implements ActionListener {
        @Override
        public void actionPerformed(ActionEvent e) {
            showBrowser();
        }
    }
}
