/**
 * Background field removal: splitting a total field map δ (ppm) into the local field of the susceptibility
 * sources inside a region (the brain) and the background field of the sources outside it (air–tissue
 * interfaces, shim residuals), the step between phase unwrapping and dipole inversion.
 *
 * <p>All methods rest on one fact: inside the region, a background field is harmonic (∇²δ<sub>b</sub> = 0),
 * and they differ in how they use it:
 * <ul>
 * <li>{@link org.ferrum.qsm.background.VSharp} and {@link org.ferrum.qsm.background.Resharp}: the spherical mean
 *     value property ({@link org.ferrum.qsm.background.SphericalMeanValue}); closed form or Tikhonov-regularised;
 *     they erode the mask by the sphere radius;</li>
 * <li>{@link org.ferrum.qsm.background.ProjectionOntoDipoleFields}: fits the field in the mask with dipoles
 *     outside it (uses the B0 direction; keeps the whole mask; wants zero padding);</li>
 * <li>{@link org.ferrum.qsm.background.LaplacianBoundaryValue}: solves the Laplace equation with the field as
 *     boundary value (keeps the mask minus one layer; fast; assumes the local field is small on the boundary).</li>
 * </ul>
 * Each returns a {@link org.ferrum.qsm.background.BackgroundFieldSplit} on the input grid (x fastest, ppm).
 */
package org.ferrum.qsm.background;
