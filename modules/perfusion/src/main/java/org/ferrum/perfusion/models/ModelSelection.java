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
package org.ferrum.perfusion.models;

import java.util.List;
import org.ferrum.core.fit.FitStatus;

/**
 * Model choice by AICc (Akaike, 1974; Hurvich &amp; Tsai, Biometrika 1989; for DCE e.g. Brix et al., MRM 2009): per
 * voxel, the model with the lowest AICc among those whose fit is usable ({@link FitStatus#usable()}).
 */
public final class ModelSelection {

    private ModelSelection() {}

    /**
     * The best model per voxel as its 1-based index in {@link KineticModels#ALL} (the legend of
     * {@link #legend()}); 0 where no model fitted.
     */
    public static float[] best(List<KineticMapping.Maps> fits, int voxels) {
        float[] best = new float[voxels];
        for (int v = 0; v < voxels; v++) {
            double lowest = Double.POSITIVE_INFINITY;
            for (KineticMapping.Maps maps : fits) {
                FitStatus s = FitStatus.ofCode((int) maps.status()[v]);
                double a = maps.aicc()[v];
                if (s.usable() && a < lowest) {
                    lowest = a;
                    best[v] = KineticModels.ALL.indexOf(maps.model()) + 1;
                }
            }
        }
        return best;
    }

    /** "0 = none, 1 = tofts, 2 = extended-tofts, …". */
    public static String legend() {
        StringBuilder b = new StringBuilder("0 = none");
        for (int i = 0; i < KineticModels.ALL.size(); i++) {
            b.append(", ")
                    .append(i + 1)
                    .append(" = ")
                    .append(KineticModels.ALL.get(i).name());
        }
        return b.toString();
    }
}
