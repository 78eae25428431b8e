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
package org.ferrum.brain.phantom;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.qsm.phantom.HeadAnatomy;

/**
 * One visit of the {@link BrainIronPhantom}: the acquisitions and their truth.
 *
 * @param visit         1, 2, …
 * @param years         years since baseline
 * @param fieldStrength B0 in T
 * @param motion        the head's rigid motion at this visit (head at rest → scanner)
 * @param t1wPose       the head's pose during the subject's T1w (at visit 1, moved within that session)
 * @param gre           multi-echo GRE, magnitude (a.u.) and wrapped phase (rad)
 * @param chi           truth χ on the GRE grid, ppm relative to CSF (voxel means; air around the head 0)
 * @param r2star        truth R2* on the GRE grid, 1/s at this B0 (voxel means; 0 outside the head)
 * @param mask          brain mask on the GRE grid (0/1)
 * @param labelsGre     truth aseg-like labels on the GRE grid, legend {@link AsegLabels#legend()}
 * @param t1w           the subject's T1-weighted image (a.u., white matter ≈ 1) on its own grid
 * @param labelsT1w     aseg-like labels on the T1w grid, legend set
 * @param noiseSigma    σ of the GRE noise per channel (magnitude units)
 * @param anatomyAtRest the head at rest with this visit's χ and R2*
 */
public record BrainIronVisit(
        int visit,
        double years,
        double fieldStrength,
        RigidMotion motion,
        RigidMotion t1wPose,
        MultiEchoGre gre,
        Volume<FloatType> chi,
        Volume<FloatType> r2star,
        Volume<FloatType> mask,
        Volume<FloatType> labelsGre,
        Volume<FloatType> t1w,
        Volume<FloatType> labelsT1w,
        double noiseSigma,
        HeadAnatomy anatomyAtRest) {}
