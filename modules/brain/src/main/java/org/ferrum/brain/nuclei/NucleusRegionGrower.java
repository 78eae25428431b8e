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
package org.ferrum.brain.nuclei;

import java.util.Arrays;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.RegionGrower;
import org.ferrum.core.parallel.Cancellation;
import org.openide.util.lookup.ServiceProvider;

/**
 * The viewer's "grow nucleus" tool on {@link NucleusGrowing}, with its defaults: one nucleus from one click or box on
 * a χ map (ppm or ppb). A box drawn on a slice is flat: along every LPS axis where the box is thinner than one
 * voxel (the largest voxel size), it is widened to the nucleus's {@link Nucleus#maxExtentMm()}, centred on the box, so
 * that the growth may reach the slices above and below; its in-plane sides stay as drawn.
 */
@ServiceProvider(service = RegionGrower.class)
public final class NucleusRegionGrower implements RegionGrower {

    @Override
    public List<String> structures() {
        return Arrays.stream(Nucleus.values()).map(Nucleus::structure).toList();
    }

    @Override
    public Grown grow(
            Volume<FloatType> map,
            boolean[] locked,
            String structure,
            Hemisphere side,
            double[] cornerA,
            double[] cornerB,
            Cancellation cancellation) {
        if (map.unit() != PhysicalUnit.PPM && map.unit() != PhysicalUnit.PPB) {
            throw new IllegalArgumentException("nuclei are grown on a χ map in ppm or ppb; the map shown is in '"
                    + map.unit().symbol() + "'");
        }
        Nucleus nucleus = Nucleus.parse(structure);
        float[] chi = VolumeArrays.frame(map, 0).clone();
        if (map.unit() == PhysicalUnit.PPB) {
            for (int n = 0; n < chi.length; n++) {
                chi[n] = (float) PhysicalUnit.PPB.convert(chi[n], PhysicalUnit.PPM);
            }
        }
        NucleusSeed seed = Arrays.equals(cornerA, cornerB)
                ? NucleusSeed.click(nucleus, side, cornerA)
                : widenedBox(
                        nucleus,
                        side,
                        cornerA,
                        cornerB,
                        Arrays.stream(map.geometry().voxelSize()).max().orElse(1));
        NucleusGrowing.Result r = NucleusGrowing.grow(
                chi,
                null,
                locked,
                VoxelGrid.of(map),
                map.geometry(),
                List.of(seed),
                NucleusGrowing.Params.DEFAULTS,
                cancellation);
        NucleusGrowing.Grown g = r.nuclei().get(0);
        boolean[] voxels = new boolean[chi.length];
        for (int n = 0; n < voxels.length; n++) {
            voxels[n] = r.labels()[n] == g.entry().value();
        }
        String summary = g.summary();
        return new Grown(voxels, g.entry(), summary);
    }

    /** The box, widened to the nucleus's maximum extent along every axis where it is thinner than {@code flatMm}. */
    static NucleusSeed widenedBox(Nucleus nucleus, Hemisphere side, double[] a, double[] b, double flatMm) {
        double[] lo = new double[3], hi = new double[3];
        double e = nucleus.maxExtentMm();
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.min(a[d], b[d]);
            hi[d] = Math.max(a[d], b[d]);
            if (hi[d] - lo[d] < flatMm) {
                double c = (lo[d] + hi[d]) / 2;
                lo[d] = c - e / 2;
                hi[d] = c + e / 2;
            }
        }
        return NucleusSeed.box(nucleus, side, lo, hi);
    }
}
