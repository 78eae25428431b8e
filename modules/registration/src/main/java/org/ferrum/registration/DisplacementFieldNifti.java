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
package org.ferrum.registration;

import java.io.IOException;
import java.nio.file.Path;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.nifti.NiftiHeader;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.nifti.NiftiWriter;

/**
 * Displacement fields as NIfTI files, the way ITK and ANTs write them (their {@code *Warp.nii.gz}), so that
 * {@code antsApplyTransforms}, ITK/SimpleITK and 3D Slicer read ours and we read theirs:
 * <ul>
 * <li>dim = {5, nx, ny, nz, 1, 3}: one 3-vector per voxel in the fifth dimension, the fourth (time) of size 1;</li>
 * <li>intent_code NIFTI_INTENT_VECTOR (1007);</li>
 * <li>the vectors are displacements in ITK's physical space, mm <b>LPS</b> (not the RAS of the NIfTI sform), fixed
 *     point → moving point; the sform/qform give the grid, as for any image;</li>
 * <li>float32.</li>
 * </ul>
 * What this rests on (public ITK/ANTs material, looked up for this class): ANTs' maintainers state that its warps are
 * displacement fields "defined according to ITK standards in the image physical space, not voxel space" (ANTsPy issue
 * 186), and that a vector points from the fixed image to the corresponding moving location (ANTsPy issue 406, citing
 * ITK's DisplacementFieldTransform); ITK reads and writes NIfTI vector images with the vector in dim[5] and dim[4] = 1
 * (Slicer's and voxelmorph's discussions of the 5-D layout); ANTs 2.6 requires intent 1007 on such files (qsiprep pull
 * request 1153). ITK since 5.3 (pull request 3884) treats intent NIFTI_INTENT_DISPVECT (1006) differently: its vectors
 * are taken to be RAS and converted to LPS on reading. So on reading: intent 1006 → x and y negated (RAS → LPS); 1007,
 * or no intent, → taken as LPS as stored.
 */
public final class DisplacementFieldNifti {

    /** NIFTI_INTENT_DISPVECT: displacement vectors, RAS by the NIfTI standard. */
    public static final int INTENT_DISPLACEMENT_VECTOR = 1006;

    /** NIFTI_INTENT_VECTOR: what ITK and ANTs write for their (LPS) displacement fields. */
    public static final int INTENT_VECTOR = 1007;

    private DisplacementFieldNifti() {}

    /** Writes u (mm LPS) of {@code field} to {@code path} ({@code .nii} or {@code .nii.gz}). */
    public static void write(DisplacementFieldTransform field, Path path) throws IOException {
        NiftiWriter.nifti1().writeVectors(ScaledVolume.unscaled(volume(field)), path, INTENT_VECTOR);
    }

    /**
     * The displacement u as a 4-D volume x, y, z, component (mm LPS, unit mm) on the field's grid, for viewing and
     * saving.
     */
    public static Volume<FloatType> volume(DisplacementFieldTransform field) {
        int[] d = field.dimensions();
        float[][] u = field.millimetres();
        int n = u[0].length;
        float[] all = new float[3 * n];
        System.arraycopy(u[0], 0, all, 0, n);
        System.arraycopy(u[1], 0, all, n, n);
        System.arraycopy(u[2], 0, all, 2 * n, n);
        return new Volume<>(ArrayImgs.floats(all, d[0], d[1], d[2], 3), field.geometry(), PhysicalUnit.MILLIMETRE);
    }

    /**
     * Reads a displacement field written by ITK, ANTs or {@link #write}.
     *
     * @throws IOException              if the file cannot be read as NIfTI
     * @throws IllegalArgumentException if it is not a 3-vector field (names what it is instead)
     */
    public static DisplacementFieldTransform read(Path path) throws IOException {
        NiftiReader reader = new NiftiReader();
        NiftiHeader header = reader.readHeader(path);
        long[] dim = header.dim();
        if (!header.isVectorField() || dim[5] != 3) {
            throw new IllegalArgumentException("not a 3-D displacement field: dimensions " + header.dimensionText()
                    + " (expected x, y, z, 1, 3 as ITK and ANTs write them, with intent " + INTENT_VECTOR + ")");
        }
        int intent = header.intentCode();
        if (intent != 0 && intent != INTENT_VECTOR && intent != INTENT_DISPLACEMENT_VECTOR) {
            throw new IllegalArgumentException("intent_code " + intent + " is not a displacement field (expected "
                    + INTENT_VECTOR + " NIFTI_INTENT_VECTOR or " + INTENT_DISPLACEMENT_VECTOR
                    + " NIFTI_INTENT_DISPVECT)");
        }
        Volume<FloatType> v = reader.read(path).toFloat();
        Geometry g = v.geometry();
        int[] d = {(int) dim[1], (int) dim[2], (int) dim[3]};
        float[] ux = VolumeArrays.frame(v, 0), uy = VolumeArrays.frame(v, 1), uz = VolumeArrays.frame(v, 2);
        double toMm = header.spatialUnitInMm();
        boolean ras = intent == INTENT_DISPLACEMENT_VECTOR;
        for (int n = 0; n < ux.length; n++) {
            ux[n] = (float) (ux[n] * toMm * (ras ? -1 : 1));
            uy[n] = (float) (uy[n] * toMm * (ras ? -1 : 1));
            uz[n] = (float) (uz[n] * toMm);
        }
        return DisplacementFieldTransform.ofMillimetres(g, d, ux, uy, uz);
    }
}
