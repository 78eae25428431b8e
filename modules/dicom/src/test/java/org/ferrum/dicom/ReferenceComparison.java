/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;

/**
 * Compares a volume we assembled with a dcm2niix reference NIfTI in patient space: every voxel of ours is
 * mapped to LPS mm through our affine and then into the reference's voxel grid through its affine
 * (dcm2niix flips rows and sometimes slices, and NIfTI is RAS; the reader converts to LPS). The nearest
 * reference voxel must be within the tolerance in mm, and hold the same value.
 */
final class ReferenceComparison {

    /** Largest distance (mm) between one of our voxel centres and the nearest reference voxel centre. */
    double maxGeometryErrorMm;
    /** Largest |ours − reference| over all voxels. */
    double maxValueDifference;
    /** Largest |reference| (for relative tolerances). */
    double maxReferenceValue;
    /** Voxels of ours that fall outside the reference grid. */
    long outside;

    long voxels;

    static ScaledVolume<?> readRef(Path nii) throws IOException {
        return VolumeFiles.read(nii);
    }

    /**
     * @param ours  3-D volume
     * @param ref   the reference, all frames
     * @param frame reference frame (4th index) to compare with
     */
    static ReferenceComparison compare(Volume<FloatType> ours, ScaledVolume<?> ref, int frame) {
        ReferenceComparison c = new ReferenceComparison();
        Volume<FloatType> r = ref.toFloat();
        Geometry go = ours.geometry(), gr = r.geometry();
        long[] d = ours.dimensions();
        long[] rd = r.dimensions();
        RandomAccess<FloatType> ra = r.image().randomAccess();
        RandomAccess<FloatType> oa = ours.image().randomAccess();
        long[] rp = new long[rd.length];
        for (long k = 0; k < d[2]; k++) {
            for (long j = 0; j < d[1]; j++) {
                for (long i = 0; i < d[0]; i++) {
                    c.voxels++;
                    double[] mm = go.toPatient(i, j, k);
                    double[] v = gr.toVoxel(mm[0], mm[1], mm[2]);
                    boolean in = true;
                    for (int a = 0; a < 3; a++) {
                        rp[a] = Math.round(v[a]);
                        if (rp[a] < 0 || rp[a] >= rd[a]) {
                            in = false;
                        }
                    }
                    if (!in) {
                        c.outside++;
                        continue;
                    }
                    double[] back = gr.toPatient(rp[0], rp[1], rp[2]);
                    double e = Math.sqrt(sq(back[0] - mm[0]) + sq(back[1] - mm[1]) + sq(back[2] - mm[2]));
                    c.maxGeometryErrorMm = Math.max(c.maxGeometryErrorMm, e);
                    if (rp.length == 4) {
                        rp[3] = frame;
                    }
                    ra.setPosition(rp);
                    oa.setPosition(new long[] {i, j, k});
                    double rv = ra.get().getRealDouble();
                    c.maxReferenceValue = Math.max(c.maxReferenceValue, Math.abs(rv));
                    c.maxValueDifference = Math.max(
                            c.maxValueDifference, Math.abs(rv - oa.get().getRealDouble()));
                }
            }
        }
        return c;
    }

    private static double sq(double x) {
        return x * x;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d voxels, %d outside, max geometry error %.2e mm, max |Δvalue| %.3g (max |ref| %.3g)",
                voxels,
                outside,
                maxGeometryErrorMm,
                maxValueDifference,
                maxReferenceValue);
    }
}
