package org.ferrum.viewer;

import java.awt.geom.Point2D;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * What linked views share: the crosshair in patient millimetres (which also fixes each view's slice),
 * the zoom, the pan of each plane and the 4-D frame. Linking in patient space rather than in voxels is
 * what lets maps of different grids (after {@link GridResampling}) or the three planes of one map follow
 * one cursor. Changed on the event thread; every change notifies all views.
 *
 * <p>The link also holds the ROI being drawn: one label map on the views' common grid (the first map's,
 * which every linked map is resampled onto), the drawing tool and the sphere radius. An ROI change
 * notifies the ROI listeners (statistics, scatter) and, so that every view repaints its overlay, the
 * change listeners too.
 */
public final class ViewerLink {

    private double[] cursorMm = {0, 0, 0};
    private double zoom = 1;
    private int frame;
    private final Map<Plane, Point2D.Double> pan = new EnumMap<>(Plane.class);
    private final CopyOnWriteArrayList<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ChangeListener> roiListeners = new CopyOnWriteArrayList<>();
    private Volume<FloatType> roi;
    private RoiTool roiTool = RoiTool.NONE;
    private double sphereRadiusMm = 10;

    /** The shared ROI label map (label 1 inside), or null before one is set. */
    public Volume<FloatType> roi() {
        return roi;
    }

    /** Replaces the shared label map (null = none) and notifies. */
    public void setRoi(Volume<FloatType> labels) {
        roi = labels;
        roiChanged();
    }

    /** Call after writing into {@link #roi()} in place: views repaint, statistics recompute. */
    public void roiChanged() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : roiListeners) {
            l.stateChanged(e);
        }
        fire();
    }

    public RoiTool roiTool() {
        return roiTool;
    }

    /** Sets the drawing tool; views drop any half-drawn shape. */
    public void setRoiTool(RoiTool tool) {
        roiTool = tool == null ? RoiTool.NONE : tool;
        fire();
    }

    /** Radius of a sphere ROI in patient millimetres. */
    public double sphereRadiusMm() {
        return sphereRadiusMm;
    }

    public void setSphereRadiusMm(double radiusMm) {
        if (!(radiusMm > 0)) {
            throw new IllegalArgumentException("the sphere radius must be positive, got " + radiusMm + " mm");
        }
        sphereRadiusMm = radiusMm;
    }

    /** Notified when the ROI changes (not on cursor, zoom or pan changes). */
    public void addRoiListener(ChangeListener l) {
        roiListeners.add(l);
    }

    public void removeRoiListener(ChangeListener l) {
        roiListeners.remove(l);
    }

    /** The crosshair in LPS mm (a copy). */
    public double[] cursorMm() {
        return cursorMm.clone();
    }

    public void setCursorMm(double[] mm) {
        cursorMm = mm.clone();
        fire();
    }

    /** Magnification relative to "whole slice fits the view" (1). */
    public double zoom() {
        return zoom;
    }

    public void setZoom(double zoom) {
        this.zoom = Math.max(0.25, Math.min(64, zoom));
        fire();
    }

    /** The 4-D frame (echo or time point) shown; views of 3-D maps ignore it. */
    public int frame() {
        return frame;
    }

    public void setFrame(int frame) {
        this.frame = Math.max(0, frame);
        fire();
    }

    /** Screen offset in pixels of {@code plane}'s image from the centred position. */
    public Point2D.Double pan(Plane plane) {
        Point2D.Double p = pan.get(plane);
        return p == null ? new Point2D.Double() : (Point2D.Double) p.clone();
    }

    public void setPan(Plane plane, double dx, double dy) {
        pan.put(plane, new Point2D.Double(dx, dy));
        fire();
    }

    /** Back to fit: zoom 1, no pan. */
    public void resetZoom() {
        pan.clear();
        setZoom(1);
    }

    public void addChangeListener(ChangeListener l) {
        listeners.add(l);
    }

    public void removeChangeListener(ChangeListener l) {
        listeners.remove(l);
    }

    private void fire() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : listeners) {
            l.stateChanged(e);
        }
    }
}
