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

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.ops.DipoleInversionOperator;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The dipole-inversion family compared as a whole (issue 16): every registered member ({@link DipoleInversionOperator}
 * in the installed {@link OperatorRegistry}) run as the pipeline runs it, with its defaults, on the same numerical head
 * (128×128×80 at 1.5 mm, 3 T, {@link HeadPhantom}): the local field for the local-field members, the total field for the
 * members that take it (TFI, single-step), the phantom's brain mask and its GRE (B0, magnitude). The operators run through
 * the test kit's {@link OperatorHarness}, which checks the contract on the way (outputs, units, progress) at negligible
 * cost.
 *
 * <p>{@code main} finds the members and runs one JMH trial per member; a new member is benchmarked without any edit
 * here. Through the JMH jar, name the members with {@code -p member=qsm.dipole.tkd,qsm.dipole.tv,...}.
 *
 * <pre>java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.DipoleInversionFamilyBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx3g"})
public class DipoleInversionFamilyBenchmark {

    /** The operator id of the member; {@code main} passes every registered one. */
    @Param({"qsm.dipole.tkd"})
    public String member;

    private DipoleInversionOperator operator;
    private Port<?> fieldPort;
    private Volume<FloatType> field;
    private Volume<FloatType> mask;
    private MultiEchoGre gre;

    /** The registered members of the family, by operator id. */
    public static List<String> members() {
        return OperatorRegistry.installed().all().stream()
                .filter(DipoleInversionOperator.class::isInstance)
                .map(o -> o.descriptor().id())
                .sorted()
                .toList();
    }

    @Setup(Level.Trial)
    public void generate() {
        Operator op = OperatorRegistry.installed()
                .find(member)
                .orElseThrow(() -> new IllegalArgumentException("no operator " + member + "; members: " + members()));
        if (!(op instanceof DipoleInversionOperator d)) {
            throw new IllegalArgumentException(member + " is not a dipole-inversion member; members: " + members());
        }
        operator = d;
        fieldPort = op.descriptor().inputs().stream()
                .filter(p -> "field".equals(p.quantity()))
                .findFirst()
                .orElseThrow();
        HeadPhantom phantom = HeadPhantom.builder()
                .size(128, 128, 80)
                .voxelSize(1.5, 1.5, 1.5)
                .generate();
        field = fieldPort.equals(DipoleInversionOperator.TOTAL_FIELD) ? phantom.totalField() : phantom.localField();
        mask = phantom.brainMask();
        gre = phantom.gre();
    }

    /** One run of the member with its defaults, from the field to referenced χ. */
    @Benchmark
    public Volume<FloatType> invert() throws OperatorException {
        return OperatorHarness.of(operator)
                .input(fieldPort.name(), field)
                .input(DipoleInversionOperator.MASK, mask)
                .input(DipoleInversionOperator.GRE, gre)
                .run()
                .output(DipoleInversionOperator.CHI);
    }

    /** Every registered member, one JMH trial each. */
    public static void main(String[] args) throws RunnerException {
        List<String> members = members();
        System.out.printf(Locale.ROOT, "dipole-inversion members: %s%n", members);
        new Runner(new OptionsBuilder()
                        .include(DipoleInversionFamilyBenchmark.class.getSimpleName())
                        .param("member", members.toArray(String[]::new))
                        .build())
                .run();
    }
}
