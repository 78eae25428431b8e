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
package org.ferrum.pipeline;

import static org.ferrum.pipeline.TestOperators.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ferrum.pipeline.Problem.Kind;
import org.ferrum.pipeline.Problem.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineValidatorTest {

    private static final OperatorRegistry REGISTRY = TestOperators.registry();

    // ---- building blocks ----

    private static Node node(String id, String operator, String version, Map<String, Object> parameters) {
        return new Node(id, operator, version, parameters, null);
    }

    private static Node source(String id) {
        return node(id, "test.source", "1.0", params("path", id + ".nii"));
    }

    private static Node filter(String id) {
        return node(id, "test.filter", "1.0", Map.of());
    }

    private static Node mask(String id, Object threshold) {
        return node(id, "test.mask", "1.2", threshold == null ? Map.of() : params("threshold", threshold));
    }

    /** A small pipeline builder. */
    private static final class P {
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        final Map<String, InputBinding> inputs = new LinkedHashMap<>();
        final Map<String, PortRef> outputs = new LinkedHashMap<>();

        P node(Node n) {
            nodes.add(n);
            return this;
        }

        P edge(String from, String to) {
            edges.add(Edge.of(from, to));
            return this;
        }

        P input(String name, String node, String parameter, String defaultValue) {
            inputs.put(name, new InputBinding(node, parameter, defaultValue, ""));
            return this;
        }

        P output(String name, String ref) {
            outputs.put(name, PortRef.parse(ref));
            return this;
        }

        Pipeline build() {
            return new Pipeline("test", "", nodes, edges, inputs, outputs);
        }

        List<Problem> validate() {
            return PipelineValidator.validate(build(), REGISTRY);
        }
    }

    /** source → filter, valid; tests add one fault each. */
    private static P chain() {
        return new P().node(source("src")).node(filter("f")).edge("src.volume", "f.in");
    }

    /** The only problem, which must be of this kind, about this node, naming every given word. */
    private static Problem single(List<Problem> problems, Kind kind, String nodeId, String... named) {
        assertEquals(1, problems.size(), () -> "expected exactly one problem, got " + problems);
        Problem p = problems.get(0);
        assertProblem(p, kind, nodeId, named);
        return p;
    }

    private static void assertProblem(Problem p, Kind kind, String nodeId, String... named) {
        assertEquals(kind, p.kind(), p::toString);
        assertEquals(nodeId, p.nodeId(), p::toString);
        for (String s : named) {
            assertTrue(p.message().contains(s), () -> "message '" + p.message() + "' should name " + s);
        }
    }

    private static Set<Kind> kinds(List<Problem> problems) {
        return problems.stream().map(Problem::kind).collect(Collectors.toSet());
    }

    // ---- valid pipelines ----

    @Test
    void validPipelineUsingEveryFeatureHasNoProblems() {
        assertEquals(List.of(), PipelineValidator.validate(TestOperators.full(), REGISTRY));
    }

    @Test
    void validChainAndDiamondHaveNoProblems() {
        assertEquals(List.of(), chain().validate());
        // src feeds two filters that both feed comb: a diamond is not a cycle.
        List<Problem> problems = new P()
                .node(source("src"))
                .node(filter("f1"))
                .node(filter("f2"))
                .node(node("comb", "test.combine", "2.0", Map.of()))
                .edge("src.volume", "f1.in")
                .edge("src.volume", "f2.in")
                .edge("f1.out", "comb.a")
                .edge("f2.out", "comb.b")
                .validate();
        assertEquals(List.of(), problems);
    }

    @Test
    void emptyPipelineIsValid() {
        assertEquals(List.of(), new P().validate());
    }

    // ---- one test per kind ----

    @Test
    void duplicateNode() {
        List<Problem> problems = chain().node(filter("f")).validate();
        Problem p = problems.stream()
                .filter(x -> x.kind() == Kind.DUPLICATE_NODE)
                .findFirst()
                .orElseThrow();
        assertProblem(p, Kind.DUPLICATE_NODE, "f", "'f'");
        assertTrue(p.isError());
        assertEquals(
                1,
                problems.stream().filter(x -> x.kind() == Kind.DUPLICATE_NODE).count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "a.b", "a b", "-x", "_x", "é", "x!"})
    void badNodeId(String id) {
        List<Problem> problems = new P().node(source(id)).validate();
        single(problems, Kind.BAD_NODE_ID, id, "'" + id + "'");
        assertTrue(problems.get(0).isError());
    }

    @Test
    void emptyNodeIdIsBad() {
        single(new P().node(source("")).validate(), Kind.BAD_NODE_ID, "", "node id ''");
    }

    @Test
    void goodNodeIds() {
        assertEquals(
                List.of(),
                new P()
                        .node(source("a"))
                        .node(source("B-2_c"))
                        .node(source("x9"))
                        .validate());
    }

    @Test
    void unknownOperator() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(node("q", "test.no-such", "1.0", params("anything", 1L)))
                .edge("src.volume", "q.in")
                .edge("q.out", "q2.in")
                .validate();
        // The unknown node's edges and parameters are not reported again; the missing node 'q2' is.
        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems.get(0), Kind.UNKNOWN_OPERATOR, "q", "'q'", "'test.no-such'");
        assertProblem(problems.get(1), Kind.UNKNOWN_PORT, null, "'q2'");
    }

    @Test
    void majorVersionMismatchIsAnError() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(node("c", "test.combine", "1.3", Map.of()))
                .edge("src.volume", "c.a")
                .validate();
        Problem p = single(problems, Kind.VERSION_MISMATCH, "c", "'c'", "test.combine", "1.3", "2.0");
        assertEquals(Severity.ERROR, p.severity());
        assertFalse(PipelineValidator.isRunnable(problems));
    }

    @Test
    void minorVersionMismatchIsAWarning() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", null))
                .edge("src.volume", "m.volume")
                .validate();
        assertEquals(List.of(), problems); // same version: nothing
        problems = new P()
                .node(source("src"))
                .node(node("m", "test.mask", "1.0", Map.of()))
                .edge("src.volume", "m.volume")
                .validate();
        Problem p = single(problems, Kind.VERSION_MISMATCH, "m", "'m'", "test.mask", "1.0", "1.2");
        assertEquals(Severity.WARNING, p.severity());
        assertFalse(p.isError());
        assertTrue(p.toString().startsWith("warning: "));
        // A newer minor than installed is also only a warning (same major).
        problems = new P()
                .node(source("src"))
                .node(node("m", "test.mask", "1.7", Map.of()))
                .edge("src.volume", "m.volume")
                .validate();
        assertEquals(
                Severity.WARNING,
                single(problems, Kind.VERSION_MISMATCH, "m", "1.7").severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one", "1", "1.0.0", "", "99999999999999999999.0"})
    void malformedOrHugeSavedVersionIsAnErrorNotACrash(String version) {
        List<Problem> problems = new P()
                .node(node("s", "test.source", version, params("path", "x")))
                .validate();
        Problem p = single(problems, Kind.VERSION_MISMATCH, "s", "'s'");
        assertTrue(p.isError());
    }

    @Test
    void unknownOutputPort() {
        single(
                chain().edge("src.nope", "f.in").validate().stream()
                        .filter(p -> p.kind() == Kind.UNKNOWN_PORT)
                        .toList(),
                Kind.UNKNOWN_PORT,
                "src",
                "src.nope",
                "'nope'",
                "outputs: [volume]");
        // An input used as a source is not an output.
        List<Problem> problems = new P()
                .node(source("src"))
                .node(filter("f"))
                .node(filter("g"))
                .edge("src.volume", "f.in")
                .edge("f.in", "g.in")
                .validate();
        single(problems, Kind.UNKNOWN_PORT, "f", "no output 'in'");
    }

    @Test
    void unknownInputPort() {
        List<Problem> problems = chain().node(mask("m", 0.5))
                .edge("src.volume", "m.volume")
                .edge("f.out", "m.vol")
                .validate();
        single(problems, Kind.UNKNOWN_PORT, "m", "m.vol", "no input 'vol'", "inputs: [volume]");
    }

    @Test
    void edgeFromOrToAMissingNode() {
        List<Problem> problems = chain().edge("ghost.out", "f.in").validate();
        // f.in already has src.volume; the ghost edge is reported as pointing nowhere (and also as a second edge).
        Problem p = problems.stream()
                .filter(x -> x.kind() == Kind.UNKNOWN_PORT)
                .findFirst()
                .orElseThrow();
        assertProblem(p, Kind.UNKNOWN_PORT, null, "'ghost'", "does not exist");
        problems = chain().edge("f.out", "nobody.in").validate();
        single(problems, Kind.UNKNOWN_PORT, null, "'nobody'", "does not exist");
    }

    @Test
    void portTypeMismatch() {
        // A volume cannot feed a mask input.
        List<Problem> problems = chain().node(node("st", "test.mask-stats", "1.0", Map.of()))
                .edge("f.out", "st.mask")
                .validate();
        Problem p = single(problems, Kind.PORT_TYPE_MISMATCH, "st", "f.out", "st.mask", "volume", "mask");
        assertTrue(p.isError());
    }

    @Test
    void maskMayFeedAVolumeInput() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", 0.5))
                .node(filter("f"))
                .node(node("st", "test.mask-stats", "1.0", Map.of()))
                .edge("src.volume", "m.volume")
                .edge("m.mask", "f.in")
                .edge("m.mask", "st.mask")
                .validate();
        assertEquals(List.of(), problems);
    }

    @Test
    void duplicateInputEdge() {
        List<Problem> problems =
                chain().node(source("src2")).edge("src2.volume", "f.in").validate();
        single(problems, Kind.DUPLICATE_INPUT_EDGE, "f", "f.in", "src.volume", "src2.volume");
    }

    @Test
    void oneOutputMayFeedManyInputs() {
        assertEquals(
                List.of(), chain().node(filter("g")).edge("src.volume", "g.in").validate());
    }

    @Test
    void unconnectedRequiredInput() {
        List<Problem> problems = new P().node(filter("f")).validate();
        single(problems, Kind.UNCONNECTED_REQUIRED_INPUT, "f", "'f'", "'in'", "volume");
    }

    @Test
    void optionalInputMayStayUnconnected() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(node("c", "test.combine", "2.0", Map.of()))
                .edge("src.volume", "c.a")
                .validate();
        assertEquals(List.of(), problems);
        // But its required sibling may not.
        problems = new P()
                .node(source("src"))
                .node(node("c", "test.combine", "2.0", Map.of()))
                .edge("src.volume", "c.b")
                .validate();
        single(problems, Kind.UNCONNECTED_REQUIRED_INPUT, "c", "'c'", "'a'");
    }

    @Test
    void twoNodeCycle() {
        List<Problem> problems = new P()
                .node(node("c", "test.combine", "2.0", Map.of()))
                .node(filter("f"))
                .edge("c.out", "f.in")
                .edge("f.out", "c.a")
                .validate();
        Problem p = single(problems, Kind.CYCLE, "c", "c → f → c");
        assertTrue(p.isError());
    }

    @Test
    void threeNodeCycleOnlyNamesItsOwnNodes() {
        // src → a → b → c → a: src is upstream of the cycle, not part of it; d hangs below it.
        List<Problem> problems = new P()
                .node(source("src"))
                .node(node("a", "test.combine", "2.0", Map.of()))
                .node(filter("b"))
                .node(filter("c"))
                .node(filter("d"))
                .edge("src.volume", "a.a")
                .edge("a.out", "b.in")
                .edge("b.out", "c.in")
                .edge("c.out", "a.b")
                .edge("c.out", "d.in")
                .validate();
        Problem p = single(problems, Kind.CYCLE, "a", "a → b → c → a");
        assertFalse(p.message().contains("src"), p.message());
        assertFalse(p.message().contains("d →") || p.message().contains("→ d"), p.message());
    }

    @Test
    void selfLoop() {
        List<Problem> problems = new P().node(filter("f")).edge("f.out", "f.in").validate();
        single(problems, Kind.CYCLE, "f", "f → f");
    }

    @Test
    void cycleInALongChainIsFoundWithoutDeepRecursion() {
        P p = new P().node(source("n0"));
        int n = 20_000;
        for (int i = 1; i <= n; i++) {
            p.node(filter("n" + i)).edge("n" + (i - 1) + (i == 1 ? ".volume" : ".out"), "n" + i + ".in");
        }
        assertEquals(List.of(), p.validate());
        p.node(node("back", "test.combine", "2.0", Map.of())).edge("n" + n + ".out", "back.a");
        p.edges.remove(0);
        p.edge("back.out", "n1.in");
        Problem cycle = single(p.validate(), Kind.CYCLE, "n1");
        assertTrue(
                cycle.message().contains("n1 → n2 → n3"), () -> cycle.message().substring(0, 80));
        assertTrue(cycle.message().contains("n" + n + " → back → n1"));
    }

    @Test
    void unknownParameter() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", 0.5).withParameter("thresh", 0.4))
                .edge("src.volume", "m.volume")
                .validate();
        single(problems, Kind.UNKNOWN_PARAMETER, "m", "'m'", "'thresh'", "test.mask", "[threshold]");
    }

    @Test
    void missingParameter() {
        List<Problem> problems =
                new P().node(node("src", "test.source", "1.0", Map.of())).validate();
        Problem p = single(problems, Kind.MISSING_PARAMETER, "src", "'src'", "'path'");
        assertTrue(p.isError());
    }

    @Test
    void requiredParameterSatisfiedByAnInputWithADefault() {
        List<Problem> problems = new P()
                .node(node("src", "test.source", "1.0", Map.of()))
                .input("gre", "src", "path", "gre.nii")
                .validate();
        assertEquals(List.of(), problems);
    }

    @Test
    void requiredParameterBoundToAnInputWithoutDefaultHasNoValueYet() {
        List<Problem> problems = new P()
                .node(node("src", "test.source", "1.0", Map.of()))
                .input("gre", "src", "path", null)
                .validate();
        single(problems, Kind.MISSING_PARAMETER, "src", "'gre'", "--input gre=VALUE", "'path'", "'src'");
        // Once the node has a value (as the executor binds it), nothing is missing.
        problems = new P().node(source("src")).input("gre", "src", "path", null).validate();
        assertEquals(List.of(), problems);
    }

    @Test
    void parameterWithADefaultBoundToAnInputWithoutDefaultIsFine() {
        List<Problem> problems = chain().node(mask("m", null))
                .edge("src.volume", "m.volume")
                .input("thr", "m", "threshold", null)
                .validate();
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.0000001, 2, -1e300})
    void parameterOutOfRange(double threshold) {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", threshold))
                .edge("src.volume", "m.volume")
                .validate();
        Problem p = single(problems, Kind.PARAMETER_OUT_OF_RANGE, "m", "'m'", "'threshold'", "[0, 1] ppm");
        assertTrue(p.isError());
    }

    @Test
    void integerParameterOutOfRange() {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(node("c", "test.combine", "2.0", params("iterations", 0L)))
                .edge("src.volume", "c.a")
                .validate();
        single(problems, Kind.PARAMETER_OUT_OF_RANGE, "c", "'iterations'", "[1, 100]");
        problems = new P()
                .node(source("src"))
                .node(node("c", "test.combine", "2.0", params("iterations", "101")))
                .edge("src.volume", "c.a")
                .validate();
        single(problems, Kind.PARAMETER_OUT_OF_RANGE, "c", "'iterations'", "101");
    }

    @Test
    void rangeBoundsAreInclusiveAndNumericTextIsAccepted() {
        for (Object ok : List.of(0.0, 1.0, 0L, 1L, "0.5", " 1 ")) {
            List<Problem> problems = new P()
                    .node(source("src"))
                    .node(mask("m", ok))
                    .edge("src.volume", "m.volume")
                    .validate();
            assertEquals(List.of(), problems, () -> "threshold " + ok);
        }
    }

    @Test
    void badParameterValues() {
        record Case(String name, Object value, String named) {}
        for (Case c : List.of(
                new Case("iterations", "abc", "whole number"),
                new Case("iterations", 2.5, "whole number"),
                new Case("method", "slow", "[fast, exact]"),
                new Case("enabled", "yes", "true or false"),
                new Case("enabled", 1L, "true or false"))) {
            List<Problem> problems = new P()
                    .node(source("src"))
                    .node(node("c", "test.combine", "2.0", params(c.name, c.value)))
                    .edge("src.volume", "c.a")
                    .validate();
            Problem p = single(problems, Kind.BAD_PARAMETER, "c", "'c'", "'" + c.name + "'", c.named);
            assertTrue(p.isError());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "NaN", "Infinity", "", "0.5 ppm"})
    void nonNumbersAreBadParameters(String value) {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", value))
                .edge("src.volume", "m.volume")
                .validate();
        single(problems, Kind.BAD_PARAMETER, "m", "'m'", "'threshold'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteNumbersAreBadParameters(double value) {
        List<Problem> problems = new P()
                .node(source("src"))
                .node(mask("m", value))
                .edge("src.volume", "m.volume")
                .validate();
        single(problems, Kind.BAD_PARAMETER, "m", "'threshold'", "finite");
        // Also where the parameter has no range at all.
        problems = chain().node(filter("g").withParameter("outside", value))
                .edge("src.volume", "g.in")
                .validate();
        single(problems, Kind.BAD_PARAMETER, "g", "'outside'", "finite");
    }

    @Test
    void kindDoesNotDependOnTheParameterName() {
        // The parameter is called "outside": a non-number for it is still a bad value, not a range problem.
        List<Problem> problems = chain().validate();
        assertEquals(List.of(), problems);
        problems = new P()
                .node(source("src"))
                .node(filter("f").withParameter("outside", "abc"))
                .edge("src.volume", "f.in")
                .validate();
        single(problems, Kind.BAD_PARAMETER, "f", "'outside'", "must be a number");
    }

    @Test
    void badInputBindingToAMissingNode() {
        List<Problem> problems = chain().input("gre", "reader", "path", "x.nii").validate();
        single(problems, Kind.BAD_INPUT_BINDING, null, "'gre'", "'reader'", "does not exist");
    }

    @Test
    void badInputBindingToAMissingParameter() {
        List<Problem> problems = chain().input("gre", "src", "file", "x.nii").validate();
        single(problems, Kind.BAD_INPUT_BINDING, "src", "'gre'", "'file'", "'src'", "test.source");
    }

    @Test
    void badOutputToAMissingNode() {
        List<Problem> problems = chain().output("result", "final.out").validate();
        single(problems, Kind.BAD_OUTPUT, null, "'result'", "'final'", "does not exist");
    }

    @Test
    void badOutputToAMissingPort() {
        List<Problem> problems = chain().output("result", "f.result").validate();
        single(problems, Kind.BAD_OUTPUT, "f", "'result'", "f.result", "test.filter", "[out]");
        // An input port is not an output.
        single(chain().output("result", "f.in").validate(), Kind.BAD_OUTPUT, "f", "no output 'in'");
    }

    // ---- output names (issue 14, item 4) ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../x",
                "/abs/path",
                "",
                ".",
                "..",
                ".hidden",
                "a/b",
                "a\\b",
                "C:x",
                "tab\there",
                "line\nbreak",
                "provenance.json"
            })
    void outputNameThatIsNotAPlainFileNameIsAnError(String name) {
        List<Problem> problems = chain().output(name, "f.out").validate();
        Problem p = single(problems, Kind.BAD_OUTPUT_NAME, null, "output '");
        assertFalse(p.message().contains("\n"), "one line: " + p.message());
        assertNotNull(PipelineValidator.outputNameProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chi", "R2star_map", "chi-ppm", "mask.eroded", "T2*", "Magnitude (echo 1)", "χ"})
    void plainFileNamesAreFineOutputNames(String name) {
        assertEquals(List.of(), chain().output(name, "f.out").validate());
    }

    @Test
    void outputNamesMustDifferInMoreThanCase() {
        single(
                chain().output("chi", "f.out").output("Chi", "f.out").validate(),
                Kind.BAD_OUTPUT_NAME,
                null,
                "'chi'",
                "'Chi'",
                "case");
    }

    @Test
    void tooLongOutputNameIsAnError() {
        single(
                chain().output("x".repeat(PipelineValidator.MAX_OUTPUT_NAME + 1), "f.out")
                        .validate(),
                Kind.BAD_OUTPUT_NAME,
                null,
                "at most " + PipelineValidator.MAX_OUTPUT_NAME);
        assertEquals(
                List.of(),
                chain().output("x".repeat(PipelineValidator.MAX_OUTPUT_NAME), "f.out")
                        .validate());
    }

    @Test
    void badOutputNamesAreReportedWithTheOtherProblems() {
        List<Problem> problems = chain().output("../x", "f.out")
                .output("", "f.out")
                .output("ok", "f.nope")
                .validate();
        assertEquals(3, problems.size(), problems::toString);
        assertEquals(
                2,
                problems.stream().filter(p -> p.kind() == Kind.BAD_OUTPUT_NAME).count(),
                problems::toString);
        assertEquals(
                1, problems.stream().filter(p -> p.kind() == Kind.BAD_OUTPUT).count(), problems::toString);
    }

    // ---- everything at once ----

    /** Issue 16: a field in Hz wired into an input that takes ppm only is refused, naming both ends. */
    @Test
    void aHertzFieldIntoAPpmInputIsRefusedNamingBothEnds() {
        Pipeline p = new P()
                .node(node("combine", "test.field-hz", "1.0", Map.of()))
                .node(node("tkd", "test.tkd", "1.0", Map.of()))
                .edge("combine.field", "tkd.local_field")
                .build();
        List<Problem> problems = PipelineValidator.validate(p, REGISTRY);
        assertEquals(1, problems.size(), problems::toString);
        Problem x = problems.get(0);
        assertEquals(Kind.PORT_UNIT_MISMATCH, x.kind());
        assertEquals("tkd", x.nodeId());
        assertTrue(x.isError());
        assertEquals(
                "edge combine.field → tkd.local_field: node 'combine' output 'field' gives field in Hz, but node 'tkd' input"
                        + " 'local_field' takes field in ppm; insert a unit conversion or connect a port in a fitting unit",
                x.message());
        assertEquals(
                x.message(),
                PipelineValidator.unitMismatch(p, p.edges().get(0), REGISTRY).orElseThrow());
    }

    /** A χ map wired into a field input is refused for its quantity, and no unit conversion is offered as the fix. */
    @Test
    void aSusceptibilityMapIntoAFieldInputIsRefusedForItsQuantity() {
        Pipeline p = new P()
                .node(node("combine", "test.field-hz", "1.0", Map.of()))
                .node(node("tkd", "test.tkd", "1.0", Map.of()))
                .node(node("again", "test.tkd", "1.0", Map.of()))
                .edge("combine.field", "tkd.local_field")
                .edge("tkd.chi", "again.local_field")
                .build();
        List<Problem> problems = PipelineValidator.validate(p, REGISTRY).stream()
                .filter(x -> x.nodeId().equals("again"))
                .toList();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(Kind.PORT_UNIT_MISMATCH, problems.get(0).kind());
        assertEquals(
                "edge tkd.chi → again.local_field: node 'tkd' output 'chi' gives susceptibility in ppm, but node 'again'"
                        + " input 'local_field' takes field in ppm; connect a port that gives field (a unit conversion cannot"
                        + " turn susceptibility into field)",
                problems.get(0).message());
    }

    /** Ports that declare no unit are not checked: the same pipeline with an undeclared end is valid. */
    @Test
    void portsWithoutUnitsAreNotChecked() {
        Pipeline p = new P()
                .node(source("src"))
                .node(node("tkd", "test.tkd", "1.0", Map.of()))
                .edge("src.volume", "tkd.local_field")
                .build();
        assertTrue(
                PipelineValidator.validate(p, REGISTRY).stream().noneMatch(x -> x.kind() == Kind.PORT_UNIT_MISMATCH));
    }

    @Test
    void everyProblemIsReportedAtOnceInAStableOrder() {
        Pipeline p = new P()
                .node(node("src", "test.source", "1.0", Map.of())) // MISSING_PARAMETER
                .node(node(
                        "m",
                        "test.mask",
                        "1.2",
                        params("threshold", 3.0, "x", 1L))) // PARAMETER_OUT_OF_RANGE, UNKNOWN_PARAMETER
                .node(node("old", "test.combine", "1.0", params("method", "slow"))) // VERSION_MISMATCH, BAD_PARAMETER
                .node(node("alien", "test.alien", "1.0", Map.of())) // UNKNOWN_OPERATOR
                .node(filter("f1"))
                .node(filter("f2")) // CYCLE
                .node(filter("f1")) // DUPLICATE_NODE
                .node(filter("lonely")) // UNCONNECTED_REQUIRED_INPUT
                .node(node("st", "test.mask-stats", "1.0", Map.of()))
                .node(source("bad.id")) // BAD_NODE_ID
                .node(node("hz", "test.field-hz", "1.0", Map.of()))
                .node(node("tkd", "test.tkd", "1.0", Map.of()))
                .edge("hz.field", "tkd.local_field") // PORT_UNIT_MISMATCH
                .edge("src.volume", "m.volume")
                .edge("src.nothing", "old.a") // UNKNOWN_PORT
                .edge("src.volume", "m.volume") // DUPLICATE_INPUT_EDGE
                .edge("f1.out", "st.mask") // PORT_TYPE_MISMATCH
                .edge("f1.out", "f2.in")
                .edge("f2.out", "f1.in")
                .input("where", "nowhere", "path", "x") // BAD_INPUT_BINDING
                .output("../o", "m.mask") // BAD_OUTPUT_NAME
                .output("o", "m.nothing") // BAD_OUTPUT
                .build();
        List<Problem> problems = PipelineValidator.validate(p, REGISTRY);
        assertEquals(Set.of(Kind.values()), kinds(problems), problems::toString);
        assertFalse(PipelineValidator.isRunnable(problems));
        // Stable: the same answer every time, nodes first, then edges, then cycles, inputs and outputs.
        assertEquals(problems, PipelineValidator.validate(p, REGISTRY));
        List<Kind> order = problems.stream().map(Problem::kind).toList();
        assertTrue(order.indexOf(Kind.UNKNOWN_PORT) > order.lastIndexOf(Kind.BAD_NODE_ID));
        assertTrue(order.indexOf(Kind.CYCLE) > order.lastIndexOf(Kind.PORT_TYPE_MISMATCH));
        assertTrue(order.indexOf(Kind.BAD_INPUT_BINDING) > order.indexOf(Kind.CYCLE));
        assertEquals(Kind.BAD_OUTPUT, order.get(order.size() - 1));
        for (Problem x : problems) {
            assertFalse(x.message().isBlank());
        }
    }

    // ---- isRunnable ----

    @Test
    void runnableWithOnlyWarnings() {
        List<Problem> warnings = new P()
                .node(source("src"))
                .node(node("m", "test.mask", "1.1", Map.of()))
                .node(node("n", "test.mask", "1.0", Map.of()))
                .edge("src.volume", "m.volume")
                .edge("src.volume", "n.volume")
                .validate();
        assertEquals(2, warnings.size());
        assertTrue(warnings.stream().noneMatch(Problem::isError));
        assertTrue(PipelineValidator.isRunnable(warnings));
        assertTrue(PipelineValidator.isRunnable(List.of()));
        List<Problem> withError = new ArrayList<>(warnings);
        withError.add(new Problem(Severity.ERROR, Kind.CYCLE, "x", "cycle: x → x"));
        assertFalse(PipelineValidator.isRunnable(withError));
    }

    @Test
    void problemToStringShowsSeverity() {
        assertEquals("error: m", new Problem(Severity.ERROR, Kind.CYCLE, null, "m").toString());
        assertEquals("warning: m", new Problem(Severity.WARNING, Kind.VERSION_MISMATCH, null, "m").toString());
    }

    @Test
    void registryKeepsTheFirstOfTwoOperatorsWithOneIdAndReportsTheClash() {
        OperatorRegistry r = OperatorRegistry.of(List.of(
                new TestOperators.Fake(TestOperators.FILTER),
                new TestOperators.Fake(TestOperators.MASK),
                new TestOperators.Fake(org.ferrum.pipeline.api.OperatorDescriptor.builder("test.filter", "9.0")
                        .build())));
        assertEquals("1.0", r.find("test.filter").orElseThrow().descriptor().version());
        assertEquals(1, r.conflicts().size());
        assertTrue(r.conflicts().get(0).contains("'test.filter'"));
        assertEquals(2, r.all().size());
        assertTrue(r.find("test.none").isEmpty());
    }
}
