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
package org.ferrum.perfusion.ops;

import org.ferrum.perfusion.models.Tofts;
import org.ferrum.pipeline.api.Operator;
import org.openide.util.lookup.ServiceProvider;

/** The {@link Tofts} member of the {@link KineticModelOperator} family. */
@ServiceProvider(service = Operator.class)
public final class ToftsOperator extends KineticModelOperator {

    public ToftsOperator() {
        super(
                new Tofts(),
                "1.0",
                "C(t) = Ktrans·(C_p ⊗ e^{−kep·t}), kep = Ktrans/ve (Tofts et al., JMRI 1999), fitted voxel by voxel by bounded Levenberg–Marquardt from Murase's linear estimate.");
    }
}
