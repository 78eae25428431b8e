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
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.editor.PipelineDocument;
import org.ferrum.pipeline.editor.PipelineScene;
import org.netbeans.api.visual.widget.Widget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline editor with a 200-node pipeline (targets: opens in ≤ 1 s, repaints in ≤ 16 ms while a node is dragged).
 *
 * <p>The pipeline: 50 chains of {@code io.read.volume → volume.threshold → volume.mask.apply → roi.statistics} laid
 * out on a grid (200 nodes, 150 edges plus the mask edges), written as a pipeline file. {@code open} times what opening
 * the file does before the window shows it: parse, validate (the document), build every widget of the scene and lay it
 * out. {@code dragFrame} times one frame of a drag: move one node by a pixel, lay out, and paint a 1600 × 1000 viewport
 * of the scene — what the view does on every mouse event. Both run on the event thread, as in the application, headless
 * (painting into an image; no display needed).
 *
 * {@code openCold} opens once per fresh JVM (5 forks), class loading included: what a user waits for the first time.
 *
 * <pre>java -Djava.awt.headless=true -jar modules/benchmarks/target/benchmarks.jar PipelineEditorBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Djava.awt.headless=true", "-Xmx1g"})
public class PipelineEditorBenchmark {

    private String json;
    private PipelineScene scene;
    private Widget dragged;
    private BufferedImage frame;
    private int step;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        json = PipelineFormat.write(pipeline(50));
        onEventThread(() -> {
            scene = open(json);
            dragged = scene.findWidget("threshold25");
            if (scene.getNodes().size() != 200 || scene.getEdges().size() != 250 || dragged == null) {
                throw new IllegalStateException("benchmark pipeline not built as intended: "
                        + scene.getNodes().size() + " nodes, "
                        + scene.getEdges().size() + " edges");
            }
            frame = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
            return null;
        });
    }

    /** 200 nodes: {@code chains} × (read → threshold → apply-mask → statistics). */
    static Pipeline pipeline(int chains) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            double y = 40 + 170 * c;
            nodes.add(new Node(
                    "read" + c,
                    "io.read.volume",
                    "1.0",
                    java.util.Map.of("path", "volume" + c + ".nii.gz"),
                    new Node.Position(40, y)));
            nodes.add(new Node(
                    "threshold" + c, "volume.threshold", "1.0", java.util.Map.of(), new Node.Position(340, y)));
            nodes.add(
                    new Node("masked" + c, "volume.mask.apply", "1.0", java.util.Map.of(), new Node.Position(640, y)));
            nodes.add(new Node("stats" + c, "roi.statistics", "1.2", java.util.Map.of(), new Node.Position(940, y)));
            edges.add(Edge.of("read" + c + ".volume", "threshold" + c + ".volume"));
            edges.add(Edge.of("read" + c + ".volume", "masked" + c + ".volume"));
            edges.add(Edge.of("threshold" + c + ".mask", "masked" + c + ".mask"));
            edges.add(Edge.of("masked" + c + ".volume", "stats" + c + ".volume"));
            edges.add(Edge.of("threshold" + c + ".mask", "stats" + c + ".labels"));
        }
        return new Pipeline("benchmark", "", nodes, edges, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    private static PipelineScene open(String text) throws Exception {
        PipelineDocument doc = new PipelineDocument(PipelineFormat.parse(text), OperatorRegistry.installed(), null);
        PipelineScene s = new PipelineScene(doc);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        s.validate(g);
        g.dispose();
        return s;
    }

    @Benchmark
    public PipelineScene open() throws Exception {
        return onEventThread(() -> open(json));
    }

    /** The first open in a fresh JVM: class loading and all (one shot per fork). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(
            value = 5,
            jvmArgs = {"-Djava.awt.headless=true", "-Xmx1g"})
    public PipelineScene openCold() throws Exception {
        return onEventThread(() -> open(json));
    }

    @Benchmark
    public BufferedImage dragFrame() throws Exception {
        return onEventThread(() -> {
            Point p = dragged.getPreferredLocation();
            int d = (step++ % 2 == 0) ? 1 : -1;
            dragged.setPreferredLocation(new Point(p.x + d, p.y + d));
            Graphics2D g = frame.createGraphics();
            scene.validate(g);
            g.setClip(0, 0, frame.getWidth(), frame.getHeight());
            scene.paint(g);
            g.dispose();
            return frame;
        });
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T onEventThread(Work<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(work.run());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
