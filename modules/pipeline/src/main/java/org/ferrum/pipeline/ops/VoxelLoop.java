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
package org.ferrum.pipeline.ops;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.core.parallel.RangeBody;

/**
 * Voxel loops of the built-in operators: a volume is walked as rows along x, in parallel chunks of
 * rows ({@link ParallelLoop}), polling the node's cancellation between chunks and reporting progress.
 * Rows work for any image layout (array or cell images, views), so no operator needs to know how a
 * volume is stored.
 *
 * <p>Row numbering: row {@code r} of a volume with sizes (nx, ny, nz[, nt]) is the voxels
 * (0…nx−1, y, z[, t]) with {@code y = r mod ny}, {@code z = (r div ny) mod nz},
 * {@code t = r div (ny·nz)}. Placing row {@code r} in another volume with the same (nx, ny, nz) uses
 * frame {@code t mod frames}, so a one-frame volume (a 3-D mask) repeats for every frame of a 4-D one.
 */
final class VoxelLoop {

    private VoxelLoop() {}

    /** Number of rows of a volume: ny·nz·frames. */
    static long rowCount(Volume<?> v) {
        return v.dimension(1) * v.dimension(2) * v.frames();
    }

    /**
     * Runs {@code body} over the rows [0, rowCount(v)) in parallel chunks.
     *
     * @throws java.util.concurrent.CancellationException if the node is cancelled meanwhile
     */
    static void rows(Stage stage, Volume<?> v, RangeBody body) {
        long rows = rowCount(v);
        Thread caller = Thread.currentThread();
        AtomicLong done = new AtomicLong();
        stage.report(0);
        ParallelLoop.forEachChunk(rows, stage.cancellation(), (from, to) -> {
            body.run(from, to);
            long d = done.addAndGet(to - from);
            if (Thread.currentThread() == caller) { // progress listeners need not be thread-safe
                stage.report((double) d / rows);
            }
        });
        stage.report(1);
    }

    /** Moves {@code access} to the first voxel (x = 0) of row {@code row} (see the class comment). */
    static void toRowStart(RandomAccess<?> access, Volume<?> v, long row) {
        long ny = v.dimension(1);
        long nz = v.dimension(2);
        access.setPosition(0, 0);
        access.setPosition(row % ny, 1);
        access.setPosition((row / ny) % nz, 2);
        if (v.numDimensions() == 4) {
            access.setPosition((row / (ny * nz)) % v.frames(), 3);
        }
    }

    /** A new volume {@code out(x) = f(a(x))} on a's grid, in {@code unit}. */
    static Volume<FloatType> map(Stage stage, Volume<FloatType> a, PhysicalUnit unit, DoubleUnaryOperator f) {
        Volume<FloatType> out = Volumes.createFloat(a.dimensions(), a.geometry(), unit);
        long nx = a.dimension(0);
        rows(stage, a, (from, to) -> {
            RandomAccess<FloatType> ra = a.image().randomAccess();
            RandomAccess<FloatType> ro = out.image().randomAccess();
            for (long r = from; r < to; r++) {
                toRowStart(ra, a, r);
                toRowStart(ro, out, r);
                for (long x = 0; x < nx; x++) {
                    if (x > 0) { // never step past the row's end: a cell image may not allow it
                        ra.fwd(0);
                        ro.fwd(0);
                    }
                    ro.get().setReal(f.applyAsDouble(ra.get().getRealDouble()));
                }
            }
        });
        return out;
    }

    /**
     * A new volume {@code out(x) = f(a(x), b(x))} on a's grid, in {@code unit}. Precondition: b has a's
     * (nx, ny, nz) and either one frame (repeated for every frame of a) or as many frames as a.
     */
    static Volume<FloatType> map(
            Stage stage, Volume<FloatType> a, Volume<FloatType> b, PhysicalUnit unit, DoubleBinaryOperator f) {
        Volume<FloatType> out = Volumes.createFloat(a.dimensions(), a.geometry(), unit);
        long nx = a.dimension(0);
        rows(stage, a, (from, to) -> {
            RandomAccess<FloatType> ra = a.image().randomAccess();
            RandomAccess<FloatType> rb = b.image().randomAccess();
            RandomAccess<FloatType> ro = out.image().randomAccess();
            for (long r = from; r < to; r++) {
                toRowStart(ra, a, r);
                toRowStart(rb, b, r);
                toRowStart(ro, out, r);
                for (long x = 0; x < nx; x++) {
                    if (x > 0) {
                        ra.fwd(0);
                        rb.fwd(0);
                        ro.fwd(0);
                    }
                    ro.get()
                            .setReal(f.applyAsDouble(
                                    ra.get().getRealDouble(), rb.get().getRealDouble()));
                }
            }
        });
        return out;
    }
}
