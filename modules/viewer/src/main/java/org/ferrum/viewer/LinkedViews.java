package org.ferrum.viewer;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * Any number of maps side by side in one plane, sharing slice, zoom, pan and crosshair (e.g.
 * χ | R2* | LIC from QSM | LIC from R2*). The first map's grid is the reference: a map on another grid is
 * resampled nearest-neighbour onto it, a map that does not overlap it is left out and the reason shown
 * above the views ({@link GridResampling}).
 */
public final class LinkedViews extends JPanel {

    private final ViewerLink link = new ViewerLink();
    private final List<SliceView> views = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    public LinkedViews(List<NamedVolume> maps, DisplayConvention convention, Plane plane) {
        super(new BorderLayout());
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no map to show");
        }
        NamedVolume reference = maps.get(0);
        for (NamedVolume m : maps) {
            try {
                NamedVolume shown = GridResampling.onto(reference, m);
                String name = shown == m ? m.name() : m.name() + " (resampled)";
                views.add(new SliceView(name, new SliceRenderer(shown.volume(), convention), plane, link));
            } catch (GridResampling.GeometryMismatchException e) {
                refused.add(e.getMessage());
            }
        }
        long[] centre = {reference.volume().dimension(0) / 2, reference.volume().dimension(1) / 2,
                reference.volume().dimension(2) / 2};
        link.setCursorMm(views.get(0).renderer().patientOf(centre));

        JPanel grid = new JPanel(new GridLayout(1, views.size(), 2, 2));
        JPanel controls = new JPanel(new GridLayout(0, 1));
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 1));
        JComboBox<Plane> planes = new JComboBox<>(Plane.values());
        planes.setSelectedItem(plane);
        planes.addActionListener(e -> views.forEach(v -> v.setPlane((Plane) planes.getSelectedItem())));
        top.add(new JLabel("plane"));
        top.add(planes);
        controls.add(top);
        for (SliceView v : views) {
            grid.add(v);
            controls.add(new MapControls(v.title(), List.of(v)));
        }
        for (String message : refused) {
            JLabel l = new JLabel("Not shown: " + message);
            l.setForeground(Color.RED.darker());
            controls.add(l);
        }
        add(controls, BorderLayout.NORTH);
        add(grid, BorderLayout.CENTER);
    }

    /** The views shown, in the order of the maps (refused maps left out). */
    public List<SliceView> views() {
        return Collections.unmodifiableList(views);
    }

    /** One user-readable message per map that could not be linked (empty if all are shown). */
    public List<String> refusedMaps() {
        return Collections.unmodifiableList(refused);
    }

    public ViewerLink link() {
        return link;
    }
}
