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
package org.ferrum.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.viewer.Colormap;
import org.ferrum.viewer.DisplayConvention;
import org.ferrum.viewer.Plane;
import org.ferrum.viewer.SliceRenderer;
import org.ferrum.viewer.SliceView;
import org.ferrum.viewer.ViewerLink;
import org.ferrum.viewer.WindowLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Changing slice in the viewer on a 512×512×256 float volume (0.75 × 0.75 × 1.5 mm, R2* in 1/s).
 * Target (issue 8): ≤ 30 ms per repaint.
 *
 * <p>{@code slice}: the engine path — extract the next slice, window/level, colormap (viridis) into an
 * ARGB image, and draw it scaled (nearest neighbour) into a 1024×1024 image. {@code sliceView}: the
 * whole {@link SliceView} painted into a 1024×1024 image after one wheel step (adds crosshair, letters
 * and the status text). Run headless: {@code java -Djava.awt.headless=true -jar benchmarks.jar ViewerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ViewerBenchmark {

    @Param({"AXIAL", "CORONAL", "SAGITTAL"})
    public Plane plane;

    private SliceRenderer renderer;
    private BufferedImage slice;
    private BufferedImage screen;
    private SliceView view;
    private WindowLevel window;
    private int next;
    private int step = 1;

    @Setup
    public void setUp() {
        long[] dims = {512, 512, 256};
        Volume<FloatType> v = Volumes.createFloat(dims, Geometry.axisAligned(0.75, 0.75, 1.5), PhysicalUnit.PER_SECOND);
        float[] a = Volumes.floats(v);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int n = 0; n < a.length; n++) {
            a[n] = (float) (rnd.nextDouble() * 500);
        }
        renderer = new SliceRenderer(v, DisplayConvention.RADIOLOGICAL);
        slice = new BufferedImage(renderer.width(plane), renderer.height(plane), BufferedImage.TYPE_INT_ARGB);
        screen = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        window = renderer.defaultWindow();
        ViewerLink link = new ViewerLink();
        link.setCursorMm(renderer.patientOf(new long[] {256, 256, 128}));
        view = new SliceView("R2*", renderer, plane, link);
        view.setSize(1024, 1024);
    }

    @Benchmark
    public BufferedImage slice() {
        next = (next + 1) % renderer.sliceCount(plane);
        renderer.renderInto(slice, plane, next, 0, window, Colormap.VIRIDIS);
        Graphics2D g = screen.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(slice, 0, 0, 1024, 1024, null);
        g.dispose();
        return screen;
    }

    @Benchmark
    public BufferedImage sliceView() {
        if (view.sliceIndex() == 0 || view.sliceIndex() == renderer.sliceCount(plane) - 1) {
            step = -step;
        }
        view.stepSlice(step);
        Graphics2D g = screen.createGraphics();
        view.paint(g);
        g.dispose();
        return screen;
    }
}
