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

import java.util.Optional;

/**
 * A spatial transform between two images' patient spaces, as registration finds it and resampling applies it.
 *
 * <p>Contract (the ITK convention, so that files written for and read from ITK, ANTs, elastix and 3D Slicer mean the
 * same thing): {@link #apply} maps a point of the <em>fixed</em> image's space to the corresponding point of the
 * <em>moving</em> image's space, both in millimetres, DICOM patient coordinates (LPS: +x left, +y posterior, +z
 * superior), the frame {@link org.ferrum.core.Geometry} places voxels in. Resampling the moving image onto the fixed
 * grid therefore evaluates, for each fixed voxel centre p, the moving image at {@code apply(p)} (a "pull" transform).
 * {@link #inverse()} is the transform from moving to fixed space where one is known exactly or by a stated numerical
 * inversion; empty where none exists (e.g. a displacement field that folds). Implementations are immutable and
 * thread-safe; {@code apply} may be called from many threads at once.
 */
public interface SpatialTransform {

    /**
     * Maps {@code fixed} (x, y, z in mm LPS, fixed space) to {@code moving} (mm LPS, moving space). The arrays have
     * length ≥ 3; {@code moving} may be the same array as {@code fixed}.
     */
    void apply(double[] fixed, double[] moving);

    /** The inverse (moving → fixed), where it exists; see the class contract. */
    Optional<SpatialTransform> inverse();

    /** Short description for logs and provenance, e.g. {@code "affine (12 parameters)"}. */
    String describe();
}
