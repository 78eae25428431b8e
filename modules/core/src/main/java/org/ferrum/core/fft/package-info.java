/**
 * The one 3-D FFT path of Ferrum, its zero padding and its k-space coordinates.
 *
 * <ul>
 *   <li>{@link org.ferrum.core.fft.FourierTransform}: forward and inverse complex 3-D DFT of a volume,
 *       in place on its interleaved storage, multi-threaded (JTransforms, thread count from
 *       {@link org.ferrum.core.parallel.Parallelism}).</li>
 *   <li>{@link org.ferrum.core.fft.ZeroPadding}: pads a volume to a given or a fast FFT size, centred,
 *       with its geometry, and crops back.</li>
 *   <li>{@link org.ferrum.core.fft.SpatialFrequencies}: the spatial frequency (1/mm) of every FFT
 *       index, e.g. for the dipole kernel.</li>
 * </ul>
 *
 * <p>Convention (the same as FFTW, NumPy and MATLAB): forward uses e<sup>−2πi·k·x/n</sup> and no
 * scaling, inverse uses e<sup>+2πi·k·x/n</sup> and 1/N, and k-space is in FFT order (zero frequency at
 * index 0, negative frequencies in the upper half).
 */
package org.ferrum.core.fft;
