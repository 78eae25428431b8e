/**
 * R2* and T2* mapping: fits of the mono-exponential decay S(t) = S0·e^{−R2*·t} to multi-echo gradient-echo magnitudes,
 * voxel by voxel. Three fits share one {@link org.ferrum.relaxometry.r2star.DecayFit} contract: the weighted
 * log-linear fit ({@link org.ferrum.relaxometry.r2star.LogLinearFit}), ARLO
 * ({@link org.ferrum.relaxometry.r2star.ArloFit}, evenly spaced echoes only) and Levenberg–Marquardt nonlinear least
 * squares with an optional noise-floor model ({@link org.ferrum.relaxometry.r2star.LevenbergMarquardtFit}).
 * {@link org.ferrum.relaxometry.r2star.R2StarMapping} runs one of them over a volume (echo truncation, range
 * clamping, goodness of fit, in parallel); {@link org.ferrum.relaxometry.r2star.BackgroundNoise} estimates the noise
 * σ from the image background; {@link org.ferrum.relaxometry.r2star.R2StarSimulation} measures bias and spread of
 * each method on simulated Rician decays.
 */
package org.ferrum.relaxometry.r2star;
