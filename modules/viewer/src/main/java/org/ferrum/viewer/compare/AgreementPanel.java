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
package org.ferrum.viewer.compare;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.SpinnerNumberModel;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.charts.MethodComparisonChart;
import org.ferrum.charts.PlottedChart;
import org.ferrum.charts.PlottedChartPanel;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.statistics.BlandAltman;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.MethodComparison;
import org.ferrum.viewer.NamedVolume;
import org.ferrum.viewer.RoiStatistics;
import org.ferrum.viewer.ViewerLink;

/**
 * The numbers and charts under the tiles: which two maps to compare (a and b, any two of the linked maps in one unit),
 * the Deming error ratio δ, the agreement table ({@link MethodComparison}: Bland–Altman bias and limits with their 95 %
 * CIs, Deming slope and intercept with jackknife CIs, Lin's CCC, ICC(2,1) absolute agreement and ICC(3,1)), the ROI
 * statistics of every linked map, and the scatter (identity and Deming line) and Bland–Altman charts
 * ({@link MethodComparisonChart}). Computed over the voxels of the ROI (label 1 of the link's label map), or over all
 * voxels where both maps are finite when there is no ROI; the caption says which and n. Recomputed when the ROI, the
 * pair or δ changes.
 */
public final class AgreementPanel extends JPanel {

    private final ViewerLink link;
    private final List<NamedVolume> maps = new ArrayList<>();
    private final JComboBox<String> pairA = new JComboBox<>();
    private final JComboBox<String> pairB = new JComboBox<>();
    private final JSpinner errorRatio = new JSpinner(new SpinnerNumberModel(1.0, 0.01, 100.0, 0.1));
    private final JLabel caption = new JLabel();
    private final StatisticsModel statisticsModel = new StatisticsModel();
    private final JTable statisticsTable = new JTable(statisticsModel);
    private final RoiModel roiModel = new RoiModel();
    private final JTable roiTable = new JTable(roiModel);
    private final JPanel charts = new JPanel(new GridLayout(1, 2, 4, 0));
    private final JSplitPane split;
    private final JSplitPane tables;
    private final List<PlottedChart> shownCharts = new ArrayList<>();
    private MethodComparison comparison;
    private Table roiStatistics;
    private boolean updating;

    public AgreementPanel(ViewerLink link) {
        super(new BorderLayout());
        this.link = link;
        pairA.setName("compare.pair.a");
        pairB.setName("compare.pair.b");
        errorRatio.setName("compare.errorRatio");
        caption.setName("compare.statisticsCaption");
        statisticsTable.setName("compare.statistics");
        roiTable.setName("compare.roiTable");
        charts.setName("compare.charts");
        pairA.setToolTipText("Map a: differences are a − b; a is the y axis of the scatter");
        pairB.setToolTipText("Map b: the x axis of the scatter");
        errorRatio.setToolTipText("Deming error ratio δ = Var(error of a) / Var(error of b); 1 = equally precise");
        pairA.setPrototypeDisplayValue("lic_r2star.lic [mg Fe/g]");
        pairB.setPrototypeDisplayValue("lic_r2star.lic [mg Fe/g]");
        JPanel pair = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 1));
        pair.add(new JLabel("a"));
        pair.add(pairA);
        pair.add(new JLabel("− b"));
        pair.add(pairB);
        pair.add(new JLabel("δ"));
        pair.add(errorRatio);
        JPanel head = new JPanel(new GridLayout(2, 1));
        head.add(pair);
        head.add(caption);
        DefaultTableCellRenderer right = new DefaultTableCellRenderer();
        right.setHorizontalAlignment(JLabel.RIGHT);
        statisticsTable.setDefaultRenderer(Object.class, new DefaultTableCellRenderer());
        int[] widths = {250, 70, 150, 80};
        for (int c = 0; c < widths.length; c++) {
            statisticsTable.getColumnModel().getColumn(c).setPreferredWidth(widths[c]);
        }
        roiTable.setDefaultRenderer(Double.class, new DefaultTableCellRenderer() {
            @Override
            protected void setValue(Object value) {
                setText(value instanceof Double d ? format(d, 4) : String.valueOf(value));
                setHorizontalAlignment(RIGHT);
            }
        });
        tables =
                new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(statisticsTable), new JScrollPane(roiTable)) {
                    private boolean placed;

                    @Override
                    public void doLayout() {
                        // the ROI table: its header and four rows (one per map of a 2 × 2); the agreement table the
                        // rest
                        if (!placed && getHeight() > 0) {
                            placed = true;
                            int roiHeight = statisticsTable.getRowHeight() * 5 + 8;
                            setDividerLocation(Math.max(getHeight() / 2, getHeight() - roiHeight - getDividerSize()));
                        }
                        super.doLayout();
                    }
                };
        tables.setName("compare.tablesSplit");
        tables.setResizeWeight(1.0); // the agreement table takes any extra height; the ROI table keeps a few rows
        tables.setBorder(null);
        JPanel left = new JPanel(new BorderLayout());
        left.add(head, BorderLayout.NORTH);
        left.add(tables, BorderLayout.CENTER);
        left.setMinimumSize(new Dimension(300, 120));
        charts.setMinimumSize(new Dimension(300, 120));
        split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, charts);
        split.setName("compare.bottomSplit");
        split.setResizeWeight(0.4);
        split.setBorder(null);
        add(split, BorderLayout.CENTER);
        pairA.addActionListener(e -> refreshUnlessUpdating());
        pairB.addActionListener(e -> refreshUnlessUpdating());
        errorRatio.addChangeListener(e -> refreshUnlessUpdating());
        link.addRoiListener(e -> refresh());
    }

    /** Share of the width the tables get when first laid out; the charts get the rest. */
    static final double TABLES_SHARE = 0.42;

    private boolean dividerPlaced;

    @Override
    public void doLayout() {
        super.doLayout();
        if (!dividerPlaced && split.getWidth() > 0) {
            dividerPlaced = true;
            split.setDividerLocation((int) Math.round(TABLES_SHARE * split.getWidth()));
        }
    }

    private void refreshUnlessUpdating() {
        if (!updating) {
            refresh();
        }
    }

    /**
     * The maps that can be compared, all on the grid the ROI is drawn on; a and b default to the first two in one unit
     * (or the first two).
     */
    public void setMaps(List<NamedVolume> linked) {
        updating = true;
        try {
            maps.clear();
            maps.addAll(linked);
            DefaultComboBoxModel<String> ma = new DefaultComboBoxModel<>(), mb = new DefaultComboBoxModel<>();
            for (NamedVolume m : maps) {
                String label = org.ferrum.charts.AxisLabel.of(
                        m.name(), m.volume().unit().symbol());
                ma.addElement(label);
                mb.addElement(label);
            }
            pairA.setModel(ma);
            pairB.setModel(mb);
            int[] pair = defaultPair(maps);
            if (pair != null) {
                pairA.setSelectedIndex(pair[0]);
                pairB.setSelectedIndex(pair[1]);
            }
        } finally {
            updating = false;
        }
        refresh();
    }

    static int[] defaultPair(List<NamedVolume> maps) {
        for (int i = 0; i < maps.size(); i++) {
            for (int j = i + 1; j < maps.size(); j++) {
                if (maps.get(i).volume().unit() == maps.get(j).volume().unit()) {
                    return new int[] {i, j};
                }
            }
        }
        return maps.size() >= 2 ? new int[] {0, 1} : maps.size() == 1 ? new int[] {0, 0} : null;
    }

    /** Chooses maps a and b by their index in the linked maps. */
    public void setPair(int a, int b) {
        updating = true;
        try {
            pairA.setSelectedIndex(a);
            pairB.setSelectedIndex(b);
        } finally {
            updating = false;
        }
        refresh();
    }

    /** Sets the Deming error ratio δ. */
    public void setErrorRatio(double delta) {
        errorRatio.setValue(delta);
    }

    /** The statistics shown, or null when the pair cannot be compared (fewer than two maps, different units). */
    public MethodComparison comparison() {
        return comparison;
    }

    /** The charts shown (scatter, Bland–Altman), empty when the pair cannot be compared. */
    public List<PlottedChart> charts() {
        return List.copyOf(shownCharts);
    }

    /** The caption: which voxels, n, or why nothing is computed. */
    public String captionText() {
        return caption.getText();
    }

    public JTable statisticsTable() {
        return statisticsTable;
    }

    public JTable roiTable() {
        return roiTable;
    }

    /** The agreement table as text rows (statistic, value, 95 % CI, unit), as shown. */
    public List<String[]> statisticsRows() {
        return List.copyOf(statisticsModel.rows);
    }

    /** Recomputes everything from the link's ROI, the pair and δ. */
    public void refresh() {
        Volume<FloatType> roi = link.roi();
        roiStatistics = roi == null || maps.isEmpty() ? null : RoiStatistics.table(maps, roi, 1);
        roiModel.fireTableStructureChanged();
        fitColumnsToContent(roiTable);
        comparison = null;
        statisticsModel.rows.clear();
        shownCharts.clear();
        charts.removeAll();
        int ia = pairA.getSelectedIndex(), ib = pairB.getSelectedIndex();
        if (maps.size() < 2 || ia < 0 || ib < 0) {
            caption.setText("Pick two maps in one unit to compare them.");
        } else if (ia == ib) {
            caption.setText("a and b are the same map: pick two different maps.");
        } else {
            NamedVolume a = maps.get(ia), b = maps.get(ib);
            String ua = a.volume().unit().symbol(), ub = b.volume().unit().symbol();
            if (a.volume().unit() != b.volume().unit()) {
                caption.setText(String.format(
                        "%s is in %s and %s in %s: agreement needs two maps in one unit.",
                        a.name(), ua.isEmpty() ? "no unit" : ua, b.name(), ub.isEmpty() ? "no unit" : ub));
            } else {
                compute(a, b, roi, ua);
            }
        }
        statisticsModel.fireTableDataChanged();
        charts.revalidate();
        charts.repaint();
    }

    private void compute(NamedVolume a, NamedVolume b, Volume<FloatType> roi, String unit) {
        float[] av, bv;
        String where;
        if (roi != null) {
            av = RoiStatistics.values(a.volume(), roi, 1);
            bv = RoiStatistics.values(b.volume(), roi, 1);
            where = "over the ROI";
        } else {
            av = VolumeArrays.frame(a.volume(), 0);
            bv = VolumeArrays.frame(b.volume(), 0);
            where = "over all voxels where both maps are finite (no ROI drawn)";
        }
        double delta = ((Number) errorRatio.getValue()).doubleValue();
        MethodComparison m = MethodComparison.of(av, bv, delta);
        comparison = m;
        int leftOut = roi != null ? m.leftOut() : 0;
        caption.setText(String.format(
                Locale.ROOT,
                "%s − %s %s: n = %d voxel pairs%s",
                a.name(),
                b.name(),
                where,
                m.n(),
                leftOut == 0 ? "" : " (" + leftOut + " ROI voxels left out: NaN or ∞ in a map)"));
        rows(m, unit, delta);
        if (m.n() >= 1) {
            shownCharts.add(MethodComparisonChart.scatter(a.name(), b.name(), unit, av, bv, m));
            shownCharts.add(MethodComparisonChart.blandAltman(a.name(), b.name(), unit, av, bv, m));
            String[] names = {"compare.chart.scatter", "compare.chart.blandAltman"};
            for (int i = 0; i < shownCharts.size(); i++) {
                // the window is for reading numbers beside images: a compact title, the rest for the plot
                shownCharts
                        .get(i)
                        .chart()
                        .getTitle()
                        .setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
                PlottedChartPanel p = new PlottedChartPanel(shownCharts.get(i));
                p.setName(names[i]);
                p.setMinimumDrawWidth(200);
                p.setMinimumDrawHeight(150);
                p.setPreferredSize(new Dimension(400, 260));
                charts.add(p);
            }
        }
    }

    private void rows(MethodComparison m, String unit, double delta) {
        List<String[]> r = statisticsModel.rows;
        r.add(new String[] {"n (voxel pairs)", String.valueOf(m.n()), "", ""});
        BlandAltman ba = m.blandAltman();
        r.add(row("bias (mean a − b)", ba.bias(), ba.biasCi(), unit));
        r.add(row("SD of a − b", ba.sd(), ConfidenceInterval.NONE, unit));
        r.add(row("lower limit of agreement (−1.96 SD)", ba.lowerLimit(), ba.lowerLimitCi(), unit));
        r.add(row("upper limit of agreement (+1.96 SD)", ba.upperLimit(), ba.upperLimitCi(), unit));
        String d = "Deming (δ = " + format(delta, 3) + ")";
        if (m.deming() != null) {
            r.add(row(d + " slope", m.deming().slope(), m.deming().slopeCi(), ""));
            r.add(row(d + " intercept", m.deming().intercept(), m.deming().interceptCi(), unit));
        } else {
            r.add(new String[] {d, "needs ≥ 3 pairs with spread", "", ""});
        }
        if (m.concordance() != null) {
            r.add(row(
                    "Lin's concordance ρc",
                    m.concordance().ccc(),
                    m.concordance().ci(),
                    ""));
            r.add(row("Pearson r", m.concordance().pearson(), ConfidenceInterval.NONE, ""));
        }
        if (m.icc() != null) {
            r.add(row(
                    "ICC(2,1) absolute agreement", m.icc().agreement(), m.icc().agreementCi(), ""));
            r.add(row("ICC(3,1) consistency", m.icc().consistency(), m.icc().consistencyCi(), ""));
        }
    }

    private static String[] row(String what, double value, ConfidenceInterval ci, String unit) {
        return new String[] {what, format(value, 4), ci.format(4), unit};
    }

    static String format(double d, int digits) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%." + digits + "g", d);
    }

    private static final class StatisticsModel extends AbstractTableModel {
        private static final String[] COLUMNS = {"statistic", "value", "95 % CI", "unit"};
        final List<String[]> rows = new ArrayList<>();

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Object getValueAt(int row, int column) {
            return rows.get(row)[column];
        }
    }

    private final class RoiModel extends AbstractTableModel {
        @Override
        public int getRowCount() {
            return roiStatistics == null ? 0 : roiStatistics.rowCount();
        }

        @Override
        public int getColumnCount() {
            return roiStatistics == null ? 1 : roiStatistics.columns().size();
        }

        @Override
        public String getColumnName(int column) {
            return roiStatistics == null
                    ? "ROI statistics of each map: draw an ROI (tool above)"
                    : roiStatistics.columns().get(column).name();
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return roiStatistics != null && roiStatistics.columns().get(column).kind() == Table.Column.Kind.NUMBER
                    ? Double.class
                    : String.class;
        }

        @Override
        public Object getValueAt(int row, int column) {
            return roiStatistics.cell(row, column);
        }
    }

    /**
     * Each column as wide as its header and its widest cell (the unit column read "mg Fe/…" at the default equal
     * widths); the table scrolls sideways when the columns need more room than there is, and shares out extra room.
     */
    static void fitColumnsToContent(JTable table) {
        int total = 0;
        for (int c = 0; c < table.getColumnCount(); c++) {
            javax.swing.table.TableColumn column = table.getColumnModel().getColumn(c);
            javax.swing.table.TableCellRenderer header = column.getHeaderRenderer() != null
                    ? column.getHeaderRenderer()
                    : table.getTableHeader().getDefaultRenderer();
            int width = header.getTableCellRendererComponent(table, column.getHeaderValue(), false, false, -1, c)
                    .getPreferredSize()
                    .width;
            for (int r = 0; r < table.getRowCount(); r++) {
                width = Math.max(
                        width,
                        table.prepareRenderer(table.getCellRenderer(r, c), r, c).getPreferredSize().width);
            }
            width += 2 * table.getIntercellSpacing().width + 8;
            column.setPreferredWidth(width);
            total += width;
        }
        java.awt.Container viewport = table.getParent();
        int room = viewport == null ? 0 : viewport.getWidth();
        table.setAutoResizeMode(room > 0 && total > room ? JTable.AUTO_RESIZE_OFF : JTable.AUTO_RESIZE_ALL_COLUMNS);
    }
}
