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
package org.ferrum.io.diffusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;

/**
 * A diffusion-weighted acquisition: a 4-D volume (one 3-D volume per diffusion weighting), the b-value of each
 * volume in s/mm², and its gradient direction as a unit vector in the patient's LPS frame (null where the volume
 * has none: b = 0 or an isotropic trace). What ADC, IVIM or tensor fits start from.
 *
 * @param volume     the images, 4-D (x, y, z, volume)
 * @param bValues    one b-value per volume, s/mm²
 * @param directions one LPS unit vector (or null) per volume
 */
public record DiffusionDataset(Volume<FloatType> volume, double[] bValues, double[][] directions) {

    public DiffusionDataset {
        Objects.requireNonNull(volume, "volume");
        int n = volume.frames();
        if (bValues.length != n || directions.length != n) {
            throw new IllegalArgumentException("a volume of " + n + " frames needs " + n
                    + " b-values and directions, got " + bValues.length + " and " + directions.length);
        }
        bValues = bValues.clone();
        directions = directions.clone();
        for (int v = 0; v < n; v++) {
            directions[v] = directions[v] == null ? null : directions[v].clone();
        }
    }

    @Override
    public double[] bValues() {
        return bValues.clone();
    }

    /** The LPS unit direction of volume {@code v}, or null. */
    public double[] direction(int v) {
        return directions[v] == null ? null : directions[v].clone();
    }

    /** The FSL bvec of volume {@code v} for this volume's voxel axes ({@link FslGradients}). */
    public double[] bvec(int v) {
        return FslGradients.toFsl(directions[v], volume.geometry());
    }

    /** Number of volumes. */
    public int volumes() {
        return bValues.length;
    }

    /**
     * Reads a NIfTI diffusion image with its FSL gradient files beside it: {@code name.nii[.gz]} with
     * {@code name.bval} and {@code name.bvec} — what dcm2niix and Ferrum's converter write, and BIDS'
     * {@code sub-…_dwi.nii.gz} with {@code sub-…_dwi.bval} / {@code .bvec}. Vectors are normalised (a vector
     * whose length is not 1 within 5 % is refused unless it is zero, which means "no direction").
     *
     * @throws VolumeFormatException naming the file and what is wrong: a missing .bval/.bvec, counts that do not
     *                               match the volume's frames, negative or non-numeric values
     */
    public static DiffusionDataset read(Path nifti) throws IOException {
        Path bval = sibling(nifti, ".bval"), bvec = sibling(nifti, ".bvec");
        for (Path p : new Path[] {bval, bvec}) {
            if (!Files.isRegularFile(p)) {
                throw new VolumeFormatException(
                        nifti,
                        "no " + p.getFileName() + " beside it: a diffusion image needs its .bval and .bvec"
                                + " (FSL format, as dcm2niix writes them)");
            }
        }
        Volume<FloatType> v = VolumeFiles.readFloat(nifti);
        int n = v.frames();
        double[] b = FslGradients.readBval(bval);
        if (b.length != n) {
            throw new VolumeFormatException(
                    bval, b.length + " b-values for " + nifti.getFileName() + " of " + n + " volumes");
        }
        double[][] vec = FslGradients.readBvec(bvec, n);
        double[][] dirs = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] g = vec[i];
            double len = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            if (len == 0) {
                continue;
            }
            if (Math.abs(len - 1) > 0.05) {
                throw new VolumeFormatException(
                        bvec,
                        String.format(
                                java.util.Locale.ROOT,
                                "vector %d (%g, %g, %g) has length %.3f, not 1 (or 0 for no direction)",
                                i + 1,
                                g[0],
                                g[1],
                                g[2],
                                len));
            }
            dirs[i] = FslGradients.toPatient(g, v.geometry());
        }
        return new DiffusionDataset(v, b, dirs);
    }

    /** {@code name.nii.gz} → {@code name<suffix>}. */
    static Path sibling(Path nifti, String suffix) {
        String name = nifti.getFileName().toString();
        String base = name.endsWith(".nii.gz")
                ? name.substring(0, name.length() - 7)
                : name.endsWith(".nii") ? name.substring(0, name.length() - 4) : name;
        return nifti.resolveSibling(base + suffix);
    }
}
