package org.ferrum.qsm.unwrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrum.qsm.VoxelGrid;
import org.junit.jupiter.api.Test;

class MirrorPaddingTest {

    @Test
    void reflectionIsAboutTheHalfSamplePoints() {
        int[] expected = {1, 0, 0, 1, 2, 2, 1, 0, 0, 1}; // s = −2 … 7 for n = 3
        for (int s = -2; s <= 7; s++) {
            assertEquals(expected[s + 2], MirrorPadding.reflect(s, 3), "s = " + s);
        }
    }

    @Test
    void padThenCropIsTheIdentityAndTheFullExtensionIsEven() {
        VoxelGrid g = new VoxelGrid(5, 4, 3, 1, 2, 3);
        float[] x = new float[g.size()];
        for (int n = 0; n < x.length; n++) {
            x[n] = n * 0.5f - 7;
        }
        for (MirrorPadding p : new MirrorPadding[]{MirrorPadding.of(g, 2), MirrorPadding.of(g, 16), MirrorPadding.full(g)}) {
            assertArrayEquals(x, p.crop(p.pad(x)));
        }
        MirrorPadding full = MirrorPadding.full(g);
        VoxelGrid e = full.padded();
        assertEquals(new VoxelGrid(10, 8, 6, 1, 2, 3), e);
        float[] y = full.pad(x);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < 10; i++) {
                    // even about the half-sample point: y(i) = y(2n − 1 − i) along every axis
                    assertEquals(y[e.index(i, j, k)], y[e.index(9 - i, 7 - j, 5 - k)]);
                }
            }
        }
    }
}
