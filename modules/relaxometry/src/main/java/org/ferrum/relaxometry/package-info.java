/**
 * Relaxometry and chemical-shift encoded MRI, shared pieces: the multi-peak {@link org.ferrum.relaxometry.FatSpectrum}
 * (kept as data), the water–fat {@link org.ferrum.relaxometry.ChemicalShiftSignal} forward model and simulated
 * {@link org.ferrum.relaxometry.MeasurementNoise}. R2* mapping lives in {@code r2star}, fat–water separation in
 * {@code fatwater}, their pipeline operators in {@code ops}.
 */
package org.ferrum.relaxometry;
