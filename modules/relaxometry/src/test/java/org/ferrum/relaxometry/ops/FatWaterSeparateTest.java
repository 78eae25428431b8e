package org.ferrum.relaxometry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortType;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.core.VolumeArrays;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/**
 * The {@code relax.fatwater} operator on a small noiseless phantom (16×16×2, 3 T, TE 1.1 + n·0.8 ms, 6 echoes): PDFF
 * 0–45 % along x, R2* 50–350 /s along y, field −100…+100 Hz; and its bad-input messages.
 */
class FatWaterSeparateTest {

    private static final VoxelGrid GRID = new VoxelGrid(16, 16, 2, 2, 2, 4);
    private static final Geometry GEOMETRY = Geometry.axisAligned(2, 2, 4);

    private static double pdff(int x) {
        return 3.0 * x;
    }

    private static double r2(int y) {
        return 50 + 20.0 * y + r2Offset;
    }

    /** Added to every voxel's R2* (an iron-rich liver for the late-echo warning). */
    private static double r2Offset = 0;

    private static double field(int x, int y) {
        return -100 + 200.0 * (x + y) / 30;
    }

    private static MultiEchoGre phantom(int echoes, boolean withPhase) {
        double[] te = new double[echoes];
        for (int e = 0; e < echoes; e++) {
            te[e] = (1.1 + 0.8 * e) * 1e-3;
        }
        FatSpectrum liver = FatSpectrum.byId("liver-6peak");
        double[] c = liver.complexFactor(te, 3);
        float[][] mag = new float[echoes][GRID.size()];
        float[][] ph = new float[echoes][GRID.size()];
        for (int z = 0; z < GRID.nz(); z++) {
            for (int y = 0; y < GRID.ny(); y++) {
                for (int x = 0; x < GRID.nx(); x++) {
                    int v = GRID.index(x, y, z);
                    double f = pdff(x) / 100;
                    double[] s = ChemicalShiftSignal.evaluate(new double[]{100 * (1 - f), 0}, new double[]{100 * f, 0},
                            field(x, y), r2(y), te, c);
                    for (int e = 0; e < echoes; e++) {
                        mag[e][v] = (float) Math.hypot(s[2 * e], s[2 * e + 1]);
                        ph[e][v] = (float) Math.atan2(s[2 * e + 1], s[2 * e]);
                    }
                }
            }
        }
        return new MultiEchoGre(VolumeArrays.frames(mag, GRID, GEOMETRY, PhysicalUnit.ARBITRARY),
                withPhase ? VolumeArrays.frames(ph, GRID, GEOMETRY, PhysicalUnit.RADIAN) : null,
                new GreAcquisition(EchoTimes.ofSeconds(te), 3));
    }

    @Test
    void isRegisteredAndRecoversThePhantom() throws OperatorException {
        Operator op = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(o -> o.descriptor().id().equals("relax.fatwater")).findFirst().orElseThrow();
        assertEquals("Relaxometry/Fat–water", op.descriptor().category());
        Context ctx = new Context(op).input("gre", phantom(6, true));
        op.run(ctx);
        Volume<?> pdff = (Volume<?>) ctx.outputs.get("pdff");
        assertEquals(PhysicalUnit.PERCENT, pdff.unit());
        assertEquals(PhysicalUnit.PER_SECOND, ((Volume<?>) ctx.outputs.get("r2star")).unit());
        assertEquals(PhysicalUnit.HERTZ, ((Volume<?>) ctx.outputs.get("fieldmap")).unit());
        float[] p = Volumes.floats(cast(pdff));
        float[] r = Volumes.floats(cast((Volume<?>) ctx.outputs.get("r2star")));
        float[] f = Volumes.floats(cast((Volume<?>) ctx.outputs.get("fieldmap")));
        float[] w = Volumes.floats(cast((Volume<?>) ctx.outputs.get("water")));
        for (int y = 0; y < GRID.ny(); y++) {
            for (int x = 0; x < GRID.nx(); x++) {
                int v = GRID.index(x, y, 1);
                assertEquals(pdff(x), p[v], 0.05, "PDFF at " + x + "," + y);
                assertEquals(r2(y), r[v], 0.5, "R2* at " + x + "," + y);
                assertEquals(field(x, y), f[v], 0.2, "field at " + x + "," + y);
                assertEquals(100 * (1 - pdff(x) / 100), w[v], 0.05, "water at " + x + "," + y);
            }
        }
        assertEquals(1.0, ctx.lastProgress, 0);
        assertTrue(ctx.log.toString().contains("fat–water"), ctx.log.toString());
    }

    /** coarse_mm overrides coarse_factor with the largest in-plane block within that size (2 mm voxels, 8 mm → 4). */
    @Test
    void coarseMillimetresChooseTheBlockFromTheVoxelSize() throws OperatorException {
        Operator op = new FatWaterSeparate();
        Context ctx = new Context(op).input("gre", phantom(6, true));
        ctx.parameters.put(FatWaterSeparate.COARSE_MM, 8.0);
        op.run(ctx);
        assertTrue(ctx.log.toString().contains("low-resolution grid 4×4×1 voxels of 8.00×8.00×8.00 mm"), ctx.log.toString());
        Context odd = new Context(op).input("gre", phantom(6, true));
        odd.parameters.put(FatWaterSeparate.COARSE_MM, 7.9);
        op.run(odd);
        assertTrue(odd.log.toString().contains("low-resolution grid 6×6×1 voxels of 6.00×6.00×8.00 mm"), odd.log.toString());
    }

    /**
     * fieldmap_sd with a given noise SD: in Hz, positive, finite, and larger
     * where R2* is larger (R2* grows along y).
     */
    @Test
    void fieldMapSdIsInHertzAndGrowsWithR2Star() throws OperatorException {
        Operator op = new FatWaterSeparate();
        Context ctx = new Context(op).input("gre", phantom(6, true));
        ctx.parameters.put("noise_sd", 2.0);
        op.run(ctx);
        Volume<?> sdVolume = (Volume<?>) ctx.outputs.get("fieldmap_sd");
        assertEquals(PhysicalUnit.HERTZ, sdVolume.unit());
        float[] sd = Volumes.floats(cast(sdVolume));
        for (int x = 0; x < GRID.nx(); x++) {
            float low = sd[GRID.index(x, 0, 1)];
            float high = sd[GRID.index(x, GRID.ny() - 1, 1)];
            assertTrue(low > 0 && Float.isFinite(low), "SD at R2* " + r2(0) + ": " + low);
            assertTrue(high > 1.5 * low, "SD grows with R2*: " + low + " → " + high + " Hz at x = " + x);
        }
        assertTrue(ctx.log.toString().contains("noise SD per channel 2"), ctx.log.toString());
    }

    /**
     * Echoes too late for the decay: with R2* 1500–1800 s⁻¹, TE1 1.1 ms and ΔTE 0.8 ms, a signal of 100 with noise SD 2
     * stays above 3 SD (6) only while e^(−R2*·TE) > 0.06, i.e. for TE < 1.6–1.9 ms: one or two echoes, fewer than the
     * model's unknowns. The log must say so (how many voxels, which slices); the phantom without extra iron must not.
     */
    @Test
    void echoesTooLateForIronAreReported() throws OperatorException {
        Context clean = new Context(new FatWaterSeparate()).input("gre", phantom(6, true));
        clean.parameters.put("noise_sd", 2.0);
        new FatWaterSeparate().run(clean);
        assertTrue(!clean.log.toString().contains("fewer than 3 echoes"), clean.log.toString());
        try {
            r2Offset = 1500;
            Context iron = new Context(new FatWaterSeparate()).input("gre", phantom(6, true));
            iron.parameters.put("noise_sd", 2.0);
            new FatWaterSeparate().run(iron);
            String log = iron.log.toString();
            assertTrue(log.contains("512 of 512 fitted voxels (100.0 %, slices 0–1) keep fewer than 3 echoes"), log);
            assertTrue(log.contains("shorten TE1"), log);
        } finally {
            r2Offset = 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Volume<FloatType> cast(Volume<?> v) {
        return (Volume<FloatType>) v;
    }

    @Test
    void magnitudeOnlyIsRefused() {
        OperatorException e = assertThrows(OperatorException.class,
                () -> new FatWaterSeparate().run(new Context(new FatWaterSeparate()).input("gre", phantom(6, false))));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().contains("magnitude only"), e.getMessage());
    }

    @Test
    void twoEchoesAreRefusedWithTheReason() {
        OperatorException e = assertThrows(OperatorException.class,
                () -> new FatWaterSeparate().run(new Context(new FatWaterSeparate()).input("gre", phantom(2, true))));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().contains("at least 3") && e.getMessage().contains("6 real unknowns"), e.getMessage());
    }

    @Test
    void nanInsideTheMaskIsRefused() {
        MultiEchoGre gre = phantom(6, true);
        Volumes.floats(gre.phase().get())[GRID.index(3, 4, 1)] = Float.NaN;
        OperatorException e = assertThrows(OperatorException.class,
                () -> new FatWaterSeparate().run(new Context(new FatWaterSeparate()).input("gre", gre)));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().contains("1 NaN"), e.getMessage());
    }

    @Test
    void maskOnAnotherGridIsRefused() {
        VoxelGrid other = new VoxelGrid(8, 8, 2, 2, 2, 4);
        Volume<FloatType> mask = VolumeArrays.maskVolume(new boolean[other.size()], other, GEOMETRY);
        OperatorException e = assertThrows(OperatorException.class, () -> new FatWaterSeparate()
                .run(new Context(new FatWaterSeparate()).input("gre", phantom(6, true)).input("mask", mask)));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().contains("'gre' and 'mask' differ in size"), e.getMessage());
    }

    @Test
    void cancellationStopsTheRun() {
        Context ctx = new Context(new FatWaterSeparate()).input("gre", phantom(6, true));
        ctx.cancelled = true;
        assertThrows(java.util.concurrent.CancellationException.class, () -> new FatWaterSeparate().run(ctx));
        assertTrue(ctx.outputs.isEmpty());
    }

    /** A minimal context: inputs and defaults in, outputs, log and progress recorded. */
    private static final class Context implements OperatorContext {
        private final Operator op;
        private final Map<String, Object> inputs = new HashMap<>();
        final Map<String, Object> parameters = new HashMap<>();
        final Map<String, Object> outputs = new HashMap<>();
        final StringBuilder log = new StringBuilder();
        double lastProgress = -1;
        volatile boolean cancelled;

        Context(Operator op) {
            this.op = op;
        }

        Context input(String port, Object value) {
            inputs.put(port, value);
            return this;
        }

        @Override
        public String nodeId() {
            return "test";
        }

        @Override
        public <T> T input(String port, PortType<T> type) {
            return type.cast(inputs.get(port));
        }

        @Override
        public <T> Optional<T> optionalInput(String port, PortType<T> type) {
            return Optional.ofNullable(inputs.get(port)).map(type::cast);
        }

        @Override
        public Object parameter(String name) {
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            return op.descriptor().parameter(name).orElseThrow().defaultValue();
        }

        @Override
        public Path path(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void output(String port, Object value) {
            assertTrue(op.descriptor().output(port).orElseThrow().type().accepts(value), port);
            outputs.put(port, value);
        }

        @Override
        public void progress(double fraction, String message) {
            assertTrue(fraction >= lastProgress && fraction <= 1);
            lastProgress = fraction;
        }

        @Override
        public Cancellation cancellation() {
            return () -> cancelled;
        }

        @Override
        public void log(String message) {
            log.append(message).append('\n');
        }
    }
}
