package org.ferrum.qsm.unwrap;

import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.qsm.VoxelGrid;

/**
 * Extension of an array on a {@link VoxelGrid} by even (half-sample) reflection, and the crop back: the
 * boundary handling of {@link LaplacianUnwrapping}. ({@link ZeroPadding} pads volumes with zeros for the dipole
 * convolutions; unwrapping wants the phase itself to continue smoothly across the faces, so reflects instead.)
 *
 * <p>Contract of {@link #of}: along each axis the n original samples occupy [b, b + n) of m = fastSize(n + 2·margin) samples,
 * b = margin (margin clipped to n along that axis, 0 for n = 1); padded sample p holds original sample r(p − b),
 * with r reflecting about the half-sample points −½ and n − ½ (r(−1) = 0, r(n) = n − 1) as often as needed.
 */
final class MirrorPadding {

    private final VoxelGrid original;
    private final VoxelGrid padded;
    private final int[][] source; // per axis: original index of each padded index
    private final int[] offset;

    private MirrorPadding(VoxelGrid original, VoxelGrid padded, int[][] source, int[] offset) {
        this.original = original;
        this.padded = padded;
        this.source = source;
        this.offset = offset;
    }

    /**
     * The full even extension: 2n samples per axis (n = 1 stays 1), the original at offset 0, so that the periodic
     * extension of the result is the even, 2n-periodic extension of the data with no seam at all: the FFT
     * solution on it is the DCT (Neumann) solution on the original grid.
     */
    static MirrorPadding full(VoxelGrid grid) {
        int[] n = grid.sizes();
        int[] m = new int[3];
        int[][] source = new int[3][];
        for (int d = 0; d < 3; d++) {
            m[d] = n[d] == 1 ? 1 : 2 * n[d];
            source[d] = new int[m[d]];
            for (int p = 0; p < m[d]; p++) {
                source[d][p] = reflect(p, n[d]);
            }
        }
        return new MirrorPadding(grid, new VoxelGrid(m[0], m[1], m[2], grid.dx(), grid.dy(), grid.dz()), source, new int[3]);
    }

    static MirrorPadding of(VoxelGrid grid, int margin) {
        int[] n = grid.sizes();
        int[] m = new int[3];
        int[] b = new int[3];
        int[][] source = new int[3][];
        for (int d = 0; d < 3; d++) {
            b[d] = n[d] == 1 ? 0 : Math.min(margin, n[d]);
            m[d] = n[d] == 1 ? 1 : Math.toIntExact(ZeroPadding.fastSize(n[d] + 2L * b[d]));
            source[d] = new int[m[d]];
            for (int p = 0; p < m[d]; p++) {
                source[d][p] = reflect(p - b[d], n[d]);
            }
        }
        VoxelGrid padded = new VoxelGrid(m[0], m[1], m[2], grid.dx(), grid.dy(), grid.dz());
        return new MirrorPadding(grid, padded, source, b);
    }

    /** Index in [0, n) of sample s of the evenly reflected, 2n-periodic extension. */
    static int reflect(int s, int n) {
        int period = 2 * n;
        int q = Math.floorMod(s, period);
        return q < n ? q : period - 1 - q;
    }

    VoxelGrid padded() {
        return padded;
    }

    float[] pad(float[] values) {
        float[] out = new float[padded.size()];
        int mx = padded.nx(), my = padded.ny(), mz = padded.nz();
        for (int k = 0; k < mz; k++) {
            for (int j = 0; j < my; j++) {
                int row = original.index(0, source[1][j], source[2][k]);
                int outRow = padded.index(0, j, k);
                for (int i = 0; i < mx; i++) {
                    out[outRow + i] = values[row + source[0][i]];
                }
            }
        }
        return out;
    }

    float[] crop(float[] paddedValues) {
        float[] out = new float[original.size()];
        for (int k = 0; k < original.nz(); k++) {
            for (int j = 0; j < original.ny(); j++) {
                System.arraycopy(paddedValues, padded.index(offset[0], j + offset[1], k + offset[2]), out,
                        original.index(0, j, k), original.nx());
            }
        }
        return out;
    }
}
