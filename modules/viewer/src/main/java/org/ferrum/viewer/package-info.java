/**
 * The image viewer. Engine (headless, no window system): {@link org.ferrum.viewer.SliceRenderer} (slices
 * along the index axes nearest to the patient axes, radiological by default, orientation letters from the
 * affine), {@link org.ferrum.viewer.WindowLevel} (unit presets, 2–98 % auto), {@link org.ferrum.viewer.Colormap}
 * (256-entry LUTs), {@link org.ferrum.viewer.LabelOverlay}, {@link org.ferrum.viewer.GridResampling} (linked
 * maps: same grid as is, overlapping grid resampled nearest-neighbour, disjoint refused),
 * {@link org.ferrum.viewer.RoiDrawing}, {@link org.ferrum.viewer.RoiStatistics} and
 * {@link org.ferrum.viewer.RoiCharts} (scatter, Bland–Altman over ROI voxels). Swing:
 * {@link org.ferrum.viewer.SliceView}, {@link org.ferrum.viewer.OrthogonalView},
 * {@link org.ferrum.viewer.LinkedViews}, all sharing a {@link org.ferrum.viewer.ViewerLink} (crosshair in
 * patient mm, and the ROI drawn with the {@link org.ferrum.viewer.RoiTool}s), with the ROI statistics under
 * linked views ({@link org.ferrum.viewer.RoiStatisticsPanel}); the window {@link org.ferrum.viewer.ViewerTopComponent} only hosts them.
 */
package org.ferrum.viewer;
