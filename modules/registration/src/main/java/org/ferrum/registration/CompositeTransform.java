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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Transforms applied one after another, with ITK's {@code CompositeTransform} semantics: the parts are held as a queue
 * T<sub>0</sub>, T<sub>1</sub>, …, T<sub>n−1</sub> in the order they were added, and the composite maps
 * x ↦ T<sub>0</sub>(T<sub>1</sub>(… T<sub>n−1</sub>(x))) — the <em>last added is applied first</em>. In an ITK text
 * file the parts follow the composite header in queue order ({@code #Transform 1} is T<sub>0</sub>), so a file ANTs
 * writes as "affine then warp" for registering moving to fixed lists the affine first and applies the warp first.
 *
 * <p>Why this order: every part maps fixed → moving; a registration that first finds an affine A and then a
 * deformable correction D on the affinely resampled image has fixed point x ↦ D(x) (still near the fixed space) ↦
 * A(D(x)) in the moving space, i.e. the queue (A, D).
 *
 * <p>Contract: immutable; {@link #inverse()} exists when every part inverts, and is the composite of the inverses in
 * reversed queue order ((T<sub>0</sub>∘T<sub>1</sub>)<sup>−1</sup> = T<sub>1</sub><sup>−1</sup>∘T<sub>0</sub><sup>−1</sup>).
 */
public final class CompositeTransform implements SpatialTransform {

    private final List<SpatialTransform> queue;

    private CompositeTransform(List<SpatialTransform> queue) {
        if (queue.isEmpty()) {
            throw new IllegalArgumentException("a composite transform needs at least one part");
        }
        this.queue = List.copyOf(queue);
    }

    /** The composite T<sub>0</sub>(T<sub>1</sub>(…(x))) of the parts in ITK queue order (the last is applied first). */
    public static CompositeTransform ofQueue(List<? extends SpatialTransform> queue) {
        return new CompositeTransform(new ArrayList<>(queue));
    }

    /** The composite T<sub>0</sub>(T<sub>1</sub>(…(x))) of the parts in ITK queue order (the last is applied first). */
    public static CompositeTransform ofQueue(SpatialTransform... queue) {
        return ofQueue(List.of(queue));
    }

    /** The parts in queue order (T<sub>0</sub> first; the last one is applied first). */
    public List<SpatialTransform> queue() {
        return queue;
    }

    /** A new composite with {@code next} added to the back of the queue, i.e. applied before all current parts. */
    public CompositeTransform add(SpatialTransform next) {
        List<SpatialTransform> q = new ArrayList<>(queue);
        q.add(next);
        return new CompositeTransform(q);
    }

    @Override
    public void apply(double[] fixed, double[] moving) {
        double[] p = {fixed[0], fixed[1], fixed[2]};
        for (int i = queue.size() - 1; i >= 0; i--) {
            queue.get(i).apply(p, p);
        }
        moving[0] = p[0];
        moving[1] = p[1];
        moving[2] = p[2];
    }

    /** The product of the parts when all are affine (rigid, affine or composites of them); empty otherwise. */
    public Optional<AffineTransform> affine() {
        AffineTransform product = null;
        for (int i = queue.size() - 1; i >= 0; i--) {
            Optional<AffineTransform> part = AffineTransform.of(queue.get(i));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            product = product == null ? part.get() : part.get().after(product);
        }
        return Optional.of(product);
    }

    @Override
    public Optional<SpatialTransform> inverse() {
        List<SpatialTransform> inverses = new ArrayList<>();
        for (SpatialTransform t : queue) {
            Optional<SpatialTransform> inv = t.inverse();
            if (inv.isEmpty()) {
                return Optional.empty();
            }
            inverses.add(inv.get());
        }
        Collections.reverse(inverses);
        return Optional.of(new CompositeTransform(inverses));
    }

    @Override
    public String describe() {
        return "composite of " + queue.size() + " (applied last to first): "
                + queue.stream().map(SpatialTransform::describe).collect(Collectors.joining(" ∘ "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
