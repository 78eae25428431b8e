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
package org.ferrum.io.labels;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MGH/MGZ files built byte by byte from the format's description (FreeSurfer's MGH format: big-endian int32 version,
 * width, height, depth, nframes, type, dof, int16 ras_good_flag, float32 xsize ysize zsize, Mdc (x_r x_a x_s y_r y_a
 * y_s z_r z_a z_s), c_r c_a c_s; voxels from byte 284, column-major), independently of {@link MghHeader#toBytes()}.
 */
class MghFilesTest {

    /** A hand-made MGH file: header fields as given, zero padding to 284 bytes, then the voxel bytes. */
    static byte[] mgh(int[] dims, int type, boolean rasGood, float[] size, float[] mdc, float[] c, byte[] voxels) {
        ByteBuffer b = ByteBuffer.allocate(284 + voxels.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(1);
        for (int d : dims) {
            b.putInt(d);
        }
        b.putInt(type);
        b.putInt(0); // dof
        b.putShort((short) (rasGood ? 1 : 0));
        for (float v : size) {
            b.putFloat(v);
        }
        for (float v : mdc) {
            b.putFloat(v);
        }
        for (float v : c) {
            b.putFloat(v);
        }
        b.position(284);
        b.put(voxels);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    // FreeSurfer's coronal "LIA" orientation: i → left (−R), j → inferior (−S), k → anterior (+A).
    static final float[] LIA = {-1, 0, 0, 0, 0, -1, 0, 1, 0};

    /** 4×3×2 int16, value i + 10 j + 100 k stored column-major (i fastest). */
    static byte[] shortVoxels() {
        ByteBuffer v = ByteBuffer.allocate(4 * 3 * 2 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    v.putShort((short) (i + 10 * j + 100 * k));
                }
            }
        }
        return v.array();
    }

    @Test
    void readsShortVoxelsColumnMajorAndPlacesThemAsFreeSurferDoes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vol.mgh");
        Files.write(
                f,
                mgh(
                        new int[] {4, 3, 2, 1},
                        4,
                        true,
                        new float[] {1.5f, 2, 3},
                        LIA,
                        new float[] {10, -20, 30},
                        shortVoxels()));
        ScaledVolume<?> sv = VolumeFiles.read(f);
        Volume<?> v = sv.stored();
        assertInstanceOf(ShortType.class, v.pixelType());
        assertArrayEquals(new long[] {4, 3, 2}, v.dimensions());
        @SuppressWarnings("unchecked")
        RandomAccess<ShortType> ra = ((Volume<ShortType>) v).image().randomAccess();
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(
                            i + 10 * j + 100 * k, ra.setPositionAndGet(i, j, k).get(), i + "," + j + "," + k);
                }
            }
        }
        // By hand: RAS(i,j,k) = c + (i − 2)·1.5·(−1,0,0) + (j − 1.5)·2·(0,0,−1) + (k − 1)·3·(0,1,0).
        // Voxel 0: c + (3, 0, 0) + (0, 0, 3) + (0, −3, 0) = (13, −23, 33) RAS = (−13, 23, 33) LPS.
        Geometry g = v.geometry();
        assertArrayEquals(new double[] {-13, 23, 33}, g.toPatient(0, 0, 0), 1e-9);
        // The centre (w/2, h/2, d/2) = (2, 1.5, 1) is c_ras: (−10, 20, 30) LPS.
        assertArrayEquals(new double[] {-10, 20, 30}, g.toPatient(2, 1.5, 1), 1e-9);
        // One step along i: 1.5 mm towards the patient's left (+x LPS); j: 2 mm inferior; k: 3 mm anterior (−y LPS).
        assertArrayEquals(new double[] {-11.5, 23, 33}, g.toPatient(1, 0, 0), 1e-9);
        assertArrayEquals(new double[] {-13, 23, 31}, g.toPatient(0, 1, 0), 1e-9);
        assertArrayEquals(new double[] {-13, 20, 33}, g.toPatient(0, 0, 1), 1e-9);
        assertEquals("LIA", g.orientationCode());
        assertTrue(sv.warnings().isEmpty());
    }

    @Test
    void conformedHeaderGivesFreeSurfersKnownVox2Ras() throws Exception {
        // FreeSurfer's conformed space (256³, 1 mm, LIA, c_ras = 0): vox2ras = [[−1 0 0 128] [0 0 1 −128] [0 −1 0 128]]
        // (the "tkregister" matrix of every recon-all orig.mgz).
        byte[] bytes = mgh(
                new int[] {256, 256, 256, 1}, 0, true, new float[] {1, 1, 1}, LIA, new float[] {0, 0, 0}, new byte[0]);
        MghHeader h = MghHeader.parse(ByteBuffer.wrap(bytes), Path.of("orig.mgz"));
        assertArrayEquals(new double[] {-1, 0, 0, 128, 0, 0, 1, -128, 0, -1, 0, 128, 0, 0, 0, 1}, h.vox2ras(), 0);
        assertArrayEquals(new double[] {-128, 128, 128}, h.geometry().toPatient(0, 0, 0), 0);
    }

    @Test
    void obliqueMgzAgreesWithANiftiOfTheSameAffine(@TempDir Path dir) throws Exception {
        // Rotation by 30° about S, then 1.1 × 0.9 × 2.5 mm voxels, centre (3, −7, 12) RAS; 5×4×3 float.
        double a = Math.toRadians(30);
        float cos = (float) Math.cos(a), sin = (float) Math.sin(a);
        float[] mdc = {cos, sin, 0, -sin, cos, 0, 0, 0, 1};
        float[] size = {1.1f, 0.9f, 2.5f};
        float[] c = {3, -7, 12};
        int[] dims = {5, 4, 3, 1};
        ByteBuffer vox = ByteBuffer.allocate(5 * 4 * 3 * 4).order(ByteOrder.BIG_ENDIAN);
        for (int n = 0; n < 60; n++) {
            vox.putFloat(n * 0.25f - 3);
        }
        Path f = dir.resolve("oblique.mgz");
        Files.write(f, gzip(mgh(dims, 3, true, size, mdc, c, vox.array())));
        Volume<FloatType> fromMgz = VolumeFiles.readFloat(f);

        // The NIfTI sform of the same image, written out entry by entry: row r = (Mdc column · size | translation).
        double[] ras = new double[16];
        for (int r = 0; r < 3; r++) {
            double t = c[r];
            for (int col = 0; col < 3; col++) {
                ras[4 * r + col] = (double) mdc[3 * col + r] * size[col];
                t -= ras[4 * r + col] * dims[col] / 2.0;
            }
            ras[4 * r + 3] = t;
        }
        ras[15] = 1;
        Path nii = dir.resolve("oblique.nii");
        VolumeFiles.write(fromMgz.withGeometry(Geometry.fromRas(ras)), nii);
        Volume<FloatType> fromNifti = VolumeFiles.readFloat(nii);
        for (int[] p : new int[][] {{0, 0, 0}, {4, 3, 2}, {2, 1, 0}, {1, 3, 2}}) {
            assertArrayEquals(
                    fromNifti.geometry().toPatient(p[0], p[1], p[2]),
                    fromMgz.geometry().toPatient(p[0], p[1], p[2]),
                    1e-4, // NIfTI-1 stores float32 sform entries
                    java.util.Arrays.toString(p));
            assertEquals(
                    fromNifti.image().randomAccess().setPositionAndGet(p).get(),
                    fromMgz.image().randomAccess().setPositionAndGet(p).get());
        }
        assertEquals(
                -3f + 0.25f * (2 + 5 * (1 + 4 * 0)),
                fromMgz.image().randomAccess().setPositionAndGet(2, 1, 0).get());
    }

    @Test
    void writerReproducesAHandMadeFileByteForByte(@TempDir Path dir) throws Exception {
        byte[] hand = mgh(
                new int[] {4, 3, 2, 1},
                4,
                true,
                new float[] {1.5f, 2, 3},
                LIA,
                new float[] {10, -20, 30},
                shortVoxels());
        Path in = dir.resolve("in.mgh");
        Files.write(in, hand);
        @SuppressWarnings("unchecked")
        Volume<ShortType> v = (Volume<ShortType>) VolumeFiles.read(in).stored();
        Path out = dir.resolve("out.mgh");
        MghFiles.write(v, out);
        assertArrayEquals(hand, Files.readAllBytes(out));
        Path outZ = dir.resolve("out.mgz");
        MghFiles.write(v, outZ);
        assertEquals(0x1f, Files.readAllBytes(outZ)[0] & 0xFF); // gzip magic
        assertEquals(
                v.geometry().toString(),
                VolumeFiles.read(outZ).stored().geometry().toString());
    }

    @Test
    void ucharLabelsWithTrailingTagsAndNoRasFlag(@TempDir Path dir) throws Exception {
        byte[] labels = new byte[2 * 2 * 2];
        labels[0] = 12;
        labels[7] = (byte) 200; // uchar: 200, not −56
        byte[] body = mgh(new int[] {2, 2, 2, 1}, 0, false, new float[3], new float[9], new float[3], labels);
        ByteBuffer tail = ByteBuffer.allocate(body.length + 20)
                .put(body)
                .putFloat(2.3f)
                .putFloat(0.16f)
                .putFloat(3.1f)
                .putFloat(0)
                .putFloat(256);
        Path f = dir.resolve("aseg.mgz");
        Files.write(f, gzip(tail.array()));
        ScaledVolume<?> sv = VolumeFiles.read(f);
        assertInstanceOf(UnsignedByteType.class, sv.stored().pixelType());
        Volume<FloatType> v = sv.toFloat();
        assertEquals(12f, v.image().randomAccess().setPositionAndGet(0, 0, 0).get());
        assertEquals(200f, v.image().randomAccess().setPositionAndGet(1, 1, 1).get());
        assertEquals(1, sv.warnings().size());
        assertTrue(
                sv.warnings().get(0).contains("ras_good_flag is 0"),
                sv.warnings().get(0));
        // FreeSurfer's default: 1 mm LIA centred at 0 → voxel 0 at RAS (1, −1, 1)·… : c − Mdc·(1,1,1) = (1, −1, 1).
        assertArrayEquals(new double[] {-1, 1, 1}, v.geometry().toPatient(0, 0, 0), 0);
    }

    @Test
    void refusesDamagedFilesWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        float[] s = {1, 1, 1};
        float[] c = {0, 0, 0};
        byte[] good = mgh(new int[] {4, 3, 2, 1}, 4, true, s, LIA, c, shortVoxels());
        assertRefused(
                dir,
                "trunc.mgh",
                java.util.Arrays.copyOf(good, good.length - 10),
                "trunc.mgh: header says 4×3×2×1 short (48 bytes after the 284-byte header) but the file holds 322 bytes");
        byte[] v2 = good.clone();
        v2[3] = 2;
        assertRefused(
                dir,
                "v2.mgh",
                v2,
                "v2.mgh: version 2 in the first 4 bytes (big-endian), but an MGH file has" + " version 1");
        assertRefused(
                dir,
                "long.mgh",
                mgh(new int[] {4, 3, 2, 1}, 2, true, s, LIA, c, shortVoxels()),
                "long.mgh: voxel type 2 is not one MGH files store (0 uchar, 1 int, 3 float, 4 short)");
        assertRefused(
                dir,
                "zero.mgh",
                mgh(new int[] {4, 0, 2, 1}, 4, true, s, LIA, c, shortVoxels()),
                "zero.mgh: dimension h (height) is 0, not ≥ 1");
        assertRefused(
                dir,
                "size.mgh",
                mgh(new int[] {4, 3, 2, 1}, 4, true, new float[] {1, 0, 1}, LIA, c, shortVoxels()),
                "size.mgh: voxel size ysize = 0.0 mm, not a finite number > 0");
        assertRefused(
                dir,
                "flat.mgh",
                mgh(new int[] {4, 3, 2, 1}, 4, true, s, new float[] {1, 0, 0, 1, 0, 0, 0, 0, 1}, c, shortVoxels()),
                "flat.mgh: direction cosines (Mdc) are not independent: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]");
        assertRefused(dir, "short.mgh", new byte[100], "short.mgh: only 100 bytes, but an MGH header has 284");
        // A 1 kB gzip file whose header claims 1000³ float32: refused before allocating.
        byte[] bomb = gzip(mgh(new int[] {1000, 1000, 1000, 1}, 3, true, s, LIA, c, new byte[0]));
        assertRefused(
                dir,
                "bomb.mgz",
                bomb,
                "bomb.mgz: header says 1000×1000×1000×1 float (4000000000 bytes after"
                        + " the 284-byte header), more than a " + bomb.length
                        + "-byte gzip file can hold (deflate expands at"
                        + " most 1032:1)");
    }

    @Test
    void hostileFilesAreRefusedQuicklyWithoutLargeAllocations(@TempDir Path dir) throws Exception {
        float[] s = {1, 1, 1};
        float[] c = {0, 0, 0};
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("claims-4GB.mgz", gzip(mgh(new int[] {1000, 1000, 1000, 1}, 3, true, s, LIA, c, new byte[0])));
        files.put("claims-32GB.mgh", mgh(new int[] {2000, 2000, 2000, 1}, 1, true, s, LIA, c, new byte[64]));
        files.put(
                "claims-2G-voxels.mgz",
                gzip(mgh(new int[] {65536, 65536, 1, 1}, 0, true, s, LIA, c, new byte[4 << 20])));
        // A 64³ int image whose gzip stream stops after 1 kB of voxels.
        files.put("truncated.mgz", gzip(mgh(new int[] {64, 64, 64, 1}, 1, true, s, LIA, c, new byte[1024])));
        org.ferrum.io.HostileInput.Reading mghWay = new org.ferrum.io.HostileInput.Reading() {
            @Override
            public String name() {
                return "MGH";
            }

            @Override
            public String readOnce(Path file) throws java.io.IOException {
                new MghFiles().read(file);
                return null;
            }
        };
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.write(f, e.getValue());
            org.ferrum.io.HostileInput.Outcome o = org.ferrum.io.HostileInput.read(mghWay, f);
            assertTrue(o.refused(), e.getKey() + ": " + o.line());
            assertTrue(o.refusal().startsWith(e.getKey() + ": "), o.refusal());
            assertTrue(o.nanos() < 2_000_000_000L, e.getKey() + ": " + o.line());
            assertTrue(o.allocatedBytes() < 64L << 20, e.getKey() + ": " + o.line());
        }
    }

    private static void assertRefused(Path dir, String name, byte[] bytes, String message) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeFiles.read(f));
        assertEquals(message, e.getMessage());
    }

    @Test
    void writerRefusesValuesTheTypeCannotHold(@TempDir Path dir) throws Exception {
        Volume<FloatType> v = org.ferrum.core.Volumes.createFloat(
                new long[] {2, 2, 2}, Geometry.identity(), org.ferrum.core.PhysicalUnit.ARBITRARY);
        v.image().randomAccess().setPositionAndGet(1, 0, 0).set(2.5f);
        Path f = dir.resolve("x.mgz");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> MghFiles.write(v, f, MghType.INT));
        assertEquals(
                "x.mgz: value 2.5 cannot be stored as int (whole numbers -2147483648 to 2147483647)", e.getMessage());
        assertFalse(Files.exists(f));
        MghFiles.write(v, f); // float
        assertEquals(
                2.5f,
                VolumeFiles.readFloat(f)
                        .image()
                        .randomAccess()
                        .setPositionAndGet(1, 0, 0)
                        .get());
    }

    static <T extends RealType<T>> double at(Volume<T> v, int... p) {
        return v.image().randomAccess().setPositionAndGet(p).getRealDouble();
    }
}
