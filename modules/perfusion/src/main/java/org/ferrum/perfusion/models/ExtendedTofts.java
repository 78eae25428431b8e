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

/**
 * The extended Tofts model (Tofts et al., JMRI 1999; Sourbron &amp; Buckley, NMR Biomed 2013):
 * C(t) = vp·C_p(t) + Ktrans·(C_p ⊗ e^{−kep·t})(t), kep = Ktrans/ve.
 *
 * <p>Start: Murase's linearised form C = (Ktrans + kep·vp)·∫C_p − kep·∫C + vp·C_p (MRM 2004) by least squares,
 * clamped into the bounds.
 */
public final class ExtendedTofts implements TracerKineticModel {

    @Override
    public String name() {
        return "extended-tofts";
    }

    @Override
    public String displayName() {
        return "Extended Tofts";
    }

    @Override
    public List<KineticParameter> parameters() {
        return List.of(Tofts.KTRANS, Tofts.VE, Tofts.VP);
    }

    @Override
    public void evaluate(
            double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        Tofts.toftsTerm(theta[0], theta[1], cp, work, out, jacobian, stride);
        double vp = theta[2];
        int n = work.n;
        for (int i = 0; i < n; i++) {
            out[i] += vp * cp[i];
        }
        if (jacobian != null) {
            for (int i = 0; i < n; i++) {
                jacobian[i * stride + 2] = cp[i];
            }
        }
    }

    @Override
    public void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        Tofts.murase(tissue, cp, work, theta, true);
    }

    @Override
    public List<KineticParameter> derived() {
        return List.of(Tofts.KEP);
    }

    @Override
    public void derive(double[] theta, double[] out) {
        out[0] = theta[0] / theta[1];
    }
}
