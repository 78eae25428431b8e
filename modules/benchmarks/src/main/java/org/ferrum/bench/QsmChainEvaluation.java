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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ferrum.pipeline.ExecutionListener;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.PipelineFormat;

/**
 * The whole-chain QSM evaluation as a command: every chain on the physical whole-head phantom, for each seed × SNR,
 * printed as one Markdown table and written to a file (with the pipeline of the first case, runnable headless).
 *
 * <pre>
 * mvn -q -pl modules/benchmarks -am package -DskipTests
 * java -Xmx6g -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.QsmChainEvaluation \
 *      [--voxel 1.5] [--field 3] [--echoes 4,10,16,22,28] [--oblique 20] [--snr 50,100] [--seeds 1,2]  [--tfi] \
 *      [--out qsm-chain-evaluation.md]
 * </pre>
 * Defaults are the full run of issue 13 (1.5 mm, 3 T, 5 echoes, 20°, SNR 50 and 100, seeds 1 and 2, no TFI);
 * {@code --voxel 2 --inversions tkd,tv} is the quick run. {@code --inversions} picks the inversions run after every
 * background removal (the stage swaps and oracles always use TV and TKD).
 */
public final class QsmChainEvaluation {

    private QsmChainEvaluation() {}

    public static void main(String[] args) throws Exception {
        double voxel = 1.5, field = 3, oblique = 20;
        double[] echoes = {4, 10, 16, 22, 28}, snrs = {50, 100};
        long[] seeds = {1, 2};
        boolean tfi = false;
        List<String> inversions = List.of("tkd", "tv", "medi", "ilsqr");
        Path out = Path.of("qsm-chain-evaluation.md");
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--voxel" -> voxel = Double.parseDouble(args[++a]);
                case "--field" -> field = Double.parseDouble(args[++a]);
                case "--oblique" -> oblique = Double.parseDouble(args[++a]);
                case "--echoes" -> echoes = numbers(args[++a]);
                case "--snr" -> snrs = numbers(args[++a]);
                case "--seeds" ->
                    seeds = Arrays.stream(numbers(args[++a]))
                            .mapToLong(d -> (long) d)
                            .toArray();
                case "--tfi" -> tfi = true;
                case "--inversions" -> inversions = List.of(args[++a].split(","));
                case "--out" -> out = Path.of(args[++a]);
                default -> {
                    System.err.println(
                            "unknown argument '" + args[a] + "'; use --voxel MM --field T --echoes MS,.. --oblique DEG"
                                    + " --snr A,B --seeds 1,2 --inversions tkd,tv,medi,ilsqr --tfi --out FILE");
                    System.exit(2);
                }
            }
        }
        ChainEvaluation evaluation = new ChainEvaluation(tfi, inversions);
        List<ChainEvaluation.Row> rows = new ArrayList<>();
        boolean first = true;
        for (double snr : snrs) {
            for (long seed : seeds) {
                ChainEvaluation.Case c = ChainEvaluation.Case.wholeHead(voxel, field, echoes, oblique, snr, seed);
                if (first) {
                    Path json = out.resolveSibling(
                            out.getFileName().toString().replaceAll("\\.md$", "") + "-pipeline.json");
                    PipelineFormat.write(evaluation.pipeline(c), json);
                    first = false;
                }
                long t0 = System.nanoTime();
                System.err.printf(Locale.ROOT, "running %s (%dx%dx%d) ...%n", c.name(), c.nx(), c.ny(), c.nz());
                List<ChainEvaluation.Row> r = evaluation.run(c, new ExecutionListener() {
                    @Override
                    public void nodeFinished(NodeRun run) {
                        System.err.printf(
                                Locale.ROOT,
                                "  %-20s %-8s %6.1f s%s%n",
                                run.nodeId(),
                                run.status(),
                                run.nanos() / 1e9,
                                run.error() == null ? "" : "  " + run.error());
                    }
                });
                System.err.printf(Locale.ROOT, "  done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                System.out.print(ChainEvaluation.markdown(r));
                rows.addAll(r);
                Files.writeString(out, "# QSM whole-chain evaluation\n\n" + ChainEvaluation.markdown(rows));
            }
        }
        System.out.println();
        System.out.println(ChainEvaluation.markdown(rows));
        System.err.println("written to " + out.toAbsolutePath());
    }

    private static double[] numbers(String text) {
        return Arrays.stream(text.split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim()))
                .toArray();
    }
}
