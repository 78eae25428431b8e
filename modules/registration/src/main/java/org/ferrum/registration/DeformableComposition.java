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

import java.util.Objects;
import java.util.Optional;

/**
 * A displacement field followed by another transform (usually the linear initial transform the deformable stage
 * started from): {@code apply(p) = then.apply(field.apply(p))}, i.e. moving = T(p + u(p)), the order in which ANTs
 * and ITK apply an affine found first and a warp found after it (the warp lives on the fixed grid).
 *
 * <p>This is the deformable stage's own small composition; a general composite transform of any number of parts
 * belongs to the linear stage's {@code CompositeTransform}, which replaces it where both exist.
 *
 * @param field the displacement field, applied first to the fixed-space point
 * @param then  the transform applied after it (fixed space → moving space)
 */
public record DeformableComposition(DisplacementFieldTransform field, SpatialTransform then)
        implements SpatialTransform {

    public DeformableComposition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(then, "then");
    }

    @Override
    public void apply(double[] fixed, double[] moving) {
        double[] mid = new double[3];
        field.apply(fixed, mid);
        then.apply(mid, moving);
    }

    /** (T∘φ)⁻¹ = φ⁻¹∘T⁻¹, where both inverses exist. */
    @Override
    public Optional<SpatialTransform> inverse() {
        Optional<SpatialTransform> thenInverse = then.inverse();
        if (thenInverse.isEmpty()) {
            return Optional.empty();
        }
        return field.inverse().map(fieldInverse -> new SpatialTransform() {
            @Override
            public void apply(double[] moving, double[] fixed) {
                double[] mid = new double[3];
                thenInverse.get().apply(moving, mid);
                fieldInverse.apply(mid, fixed);
            }

            @Override
            public Optional<SpatialTransform> inverse() {
                return Optional.of(DeformableComposition.this);
            }

            @Override
            public String describe() {
                return "inverse of (" + DeformableComposition.this.describe() + ")";
            }
        });
    }

    @Override
    public String describe() {
        return field.describe() + ", then " + then.describe();
    }
}
