package org.ferrum.qsm.unwrap;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FiniteDifferences;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.VoxelGrid;

/**
 * Laplacian-based phase unwrapping (Schofield &amp; Zhu, Opt Lett 28:1194, 2003), one 3-D frame at a time.
 *
 * <p>Contract of {@link #unwrap}: for a wrapped phase φ (rad) on a grid,
 * <pre>
 *   φ_L = ∇⁻² [ cos φ · ∇² sin φ − sin φ · ∇² cos φ ]
 * </pre>
 * where ∇² is the periodic 7-point Laplacian of {@link FiniteDifferences#laplacianKernel} applied in k-space
 * (the 7-point stencil of {@link FiniteDifferences#laplacian} in image space), and ∇⁻² its inverse through {@link FourierFilter} with the k = 0 term set to 0 (so φ_L has zero mean over the
 * grid). The bracket equals ∇²φ of the true phase wherever that phase is smooth (the identity
 * ∇²φ = cos φ ∇² sin φ − sin φ ∇² cos φ holds for the continuous Laplacian and is insensitive to 2π jumps),
 * so φ_L is the true phase up to a harmonic part and the discretisation error: NOT the true phase and NOT
 * congruent with φ (φ_L − φ is no multiple of 2π). This is what the background-field path wants (the
 * harmonic part is removed there anyway), so {@link #unwrap} returns it as is.
 *
 * <p>Contract of {@link #congruent}: φ_C = φ + 2π·round((φ_L − φ) / 2π), which differs from the wrapped
 * input by whole multiples of 2π in every voxel (the "congruence" step, cf. Schofield &amp; Zhu §3 and the
 * congruent variants in SEPIA/STI Suite), and equals the true phase wherever |φ_L − φ_true| &lt; π.
 *
 * <p>Boundaries: by default the grid is extended by even reflection to 2n voxels per axis (exact Neumann solution,
 * {@link #FULL_REFLECTION}) when that stays below {@link #FULL_REFLECTION_LIMIT} voxels, else by
 * {@link #DEFAULT_MARGIN} mirrored voxels per side (an approximation); the periodic FFT solution on the extended
 * grid is cropped back. The phase is used over the whole grid, no mask.
 */
public final class LaplacianUnwrapping {

    /**
     * Boundary: the full even extension to 2n voxels per axis. The FFT makes the grid periodic, so opposite faces
     * of a non-periodic phase meet in a seam whose spurious Laplacian spoils the solution; on the even 2n-periodic
     * extension there is no seam, and the FFT solution is the DCT solution with Neumann boundaries of Ghiglia &amp;
     * Romero (JOSA A 11:107, 1994). Costs 8 times the voxels.
     */
    public static final int FULL_REFLECTION = -1;

    /** Largest extended grid (voxels) for which the default uses {@link #FULL_REFLECTION}: 2²⁴, 128 MiB per complex array. */
    public static final long FULL_REFLECTION_LIMIT = 1L << 24;

    /**
     * Mirror margin per side (voxels) used by default on grids too large for {@link #FULL_REFLECTION}: the even
     * reflection lets the phase continue smoothly across the faces and moves the remaining seam this far from the
     * data, an approximation of the Neumann solution.
     */
    public static final int DEFAULT_MARGIN = 16;

    private LaplacianUnwrapping() {
    }

    /**
     * The Laplacian-unwrapped phase φ_L of one wrapped frame (see the class contract).
     *
     * @param wrapped phase in rad, x fastest, length {@code grid.size()}, finite
     * @return a new array, rad
     */
    public static float[] unwrap(float[] wrapped, VoxelGrid grid, Cancellation cancellation) {
        boolean affordable = 8L * grid.size() <= FULL_REFLECTION_LIMIT;
        return unwrap(wrapped, grid, affordable ? FULL_REFLECTION : DEFAULT_MARGIN, cancellation);
    }

    /**
     * As {@link #unwrap(float[], VoxelGrid, Cancellation)} with a chosen boundary: {@link #FULL_REFLECTION}, a
     * mirror margin of {@code margin} &gt; 0 voxels per side, or 0 for the periodic grid as is.
     */
    public static float[] unwrap(float[] wrapped, VoxelGrid grid, int margin, Cancellation cancellation) {
        if (wrapped.length != grid.size()) {
            throw new IllegalArgumentException("phase has " + wrapped.length + " voxels, the grid " + grid.size());
        }
        if (margin < FULL_REFLECTION) {
            throw new IllegalArgumentException("margin must be ≥ 0 (or FULL_REFLECTION), got " + margin);
        }
        // ∇²φ by the sin/cos identity on the acquired grid, with reflecting boundaries, and only then mirrored: the
        // stencil on the mirrored phase equals the mirrored stencil result (away from the padded grid's outer seam,
        // where this form has no seam artefact at all), and the voxelwise work stays on the acquired voxels
        float[] rhs = laplacianOfPhase(wrapped, grid, margin == 0, cancellation);
        if (margin == 0) {
            return poisson(rhs, grid, cancellation);
        }
        MirrorPadding padding = margin == FULL_REFLECTION ? MirrorPadding.full(grid) : MirrorPadding.of(grid, margin);
        return padding.crop(poisson(padding.pad(rhs), padding.padded(), cancellation));
    }

    /** cos φ·∇² sin φ − sin φ·∇² cos φ (the identity of Schofield &amp; Zhu), periodic or reflecting at the faces. */
    private static float[] laplacianOfPhase(float[] wrapped, VoxelGrid grid, boolean periodic, Cancellation cancellation) {
        int n = wrapped.length;
        float[] sin = new float[n], cos = new float[n];
        PhaseWraps.sinCos(wrapped, sin, cos, cancellation);
        float[] lapSin = new float[n], lapCos = new float[n];
        FiniteDifferences.laplacian(sin, grid, periodic, lapSin, cancellation);
        FiniteDifferences.laplacian(cos, grid, periodic, lapCos, cancellation);
        cancellation.throwIfCancelled("Laplacian unwrapping");
        float[] rhs = lapSin;
        ParallelLoop.forEachChunk(n, 0, cancellation, (from, to) -> {
            for (int v = (int) from; v < to; v++) {
                rhs[v] = cos[v] * lapSin[v] - sin[v] * lapCos[v];
            }
        });
        return rhs;
    }

    /** The last grid's inverse Laplacian kernel: the echoes of one series share it. */
    private static final AtomicReference<Map.Entry<VoxelGrid, float[]>> INVERSE_KERNEL = new AtomicReference<>();

    /** ∇⁻² of {@code rhs} on the periodic grid (k = 0 set to 0), into a new array. */
    private static float[] poisson(float[] rhs, VoxelGrid grid, Cancellation cancellation) {
        cancellation.throwIfCancelled("Laplacian unwrapping");
        Map.Entry<VoxelGrid, float[]> cached = INVERSE_KERNEL.get();
        float[] inverse;
        if (cached != null && cached.getKey().equals(grid)) {
            inverse = cached.getValue();
        } else {
            inverse = inverseKernel(FiniteDifferences.laplacianKernel(grid));
            INVERSE_KERNEL.set(Map.entry(grid, inverse));
        }
        return FourierFilter.apply(rhs, inverse, grid);
    }

    /**
     * φ + 2π·round((φ_L − φ)/2π) per voxel: the congruent result (see the class contract).
     *
     * @param wrapped   φ, rad
     * @param laplacian φ_L from {@link #unwrap}, rad
     * @return a new array, rad
     */
    public static float[] congruent(float[] wrapped, float[] laplacian) {
        if (wrapped.length != laplacian.length) {
            throw new IllegalArgumentException("arrays differ in length: " + wrapped.length + " vs " + laplacian.length);
        }
        float[] out = new float[wrapped.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = PhaseWraps.plusTurns(wrapped[v], PhaseWraps.turnsBetween(wrapped[v], laplacian[v]));
        }
        return out;
    }

    /** 1/L(k), with 0 where L(k) = 0 (only k = 0 for the 7-point Laplacian): the DC term is not recoverable. */
    private static float[] inverseKernel(float[] laplacian) {
        float[] inv = new float[laplacian.length];
        for (int k = 0; k < inv.length; k++) {
            inv[k] = laplacian[k] == 0 ? 0f : 1f / laplacian[k];
        }
        return inv;
    }
}
