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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ITK's text transform files ({@code .tfm}, {@code .txt}), as ITK's {@code TxtTransformIO} writes them and ANTs, 3D
 * Slicer, elastix's ITK export and SimpleITK read them:
 *
 * <pre>
 * #Insight Transform File V1.0
 * #Transform 0
 * Transform: AffineTransform_double_3_3
 * Parameters: a00 a01 a02 a10 a11 a12 a20 a21 a22 tx ty tz
 * FixedParameters: cx cy cz
 * </pre>
 *
 * Points are in ITK's physical space, which is DICOM LPS mm (3D Slicer converts its RAS scene on saving), and a
 * transform maps fixed → moving, as {@link SpatialTransform} does; so no sign is flipped on reading or writing.
 * Matrix-based types map y = A (x − c) + c + t with A from the first nine parameters (row-major), t from the last
 * three and the centre c from the fixed parameters.
 *
 * <p>Read: {@code AffineTransform}, {@code MatrixOffsetTransformBase}, {@code Rigid3DTransform} (12 parameters),
 * {@code Euler3DTransform} (angles, translation; fixed: centre and optionally the "compute ZYX" flag),
 * {@code VersorRigid3DTransform}, {@code Similarity3DTransform} (versor, translation, scale),
 * {@code TranslationTransform}, {@code IdentityTransform}, each {@code _double_3_3} or {@code _float_3_3}, and
 * {@code CompositeTransform_double_3} followed by its parts in queue order (see {@link CompositeTransform}; nested
 * composites are flattened). A file with several transforms and no composite header is refused (ITK reads it as a
 * list whose meaning the file does not say). Written: affine, rigid (Euler or versor, as parameterised) and composites
 * of them; other transforms (displacement fields) are refused: they are saved as NIfTI fields.
 */
public final class ItkTransformFile {

    /** The first line of every ITK text transform file. */
    public static final String HEADER = "#Insight Transform File V1.0";

    private ItkTransformFile() {}

    /** Reads a transform file; messages name the file and the line. */
    public static SpatialTransform read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code transform} to {@code file} (through a temporary file in the same folder, then a move). */
    public static void write(SpatialTransform transform, Path file) throws IOException {
        String text = format(transform);
        Path folder = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(folder, file.getFileName().toString(), ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether {@link #format} writes {@code transform}: affine, rigid, or a composite of them. */
    public static boolean writes(SpatialTransform transform) {
        if (transform instanceof CompositeTransform c) {
            return c.queue().stream().allMatch(ItkTransformFile::writes);
        }
        return transform instanceof AffineTransform || transform instanceof RigidTransform;
    }

    private record Block(int line, String type, double[] parameters, double[] fixed) {}

    /** Parses the text of a transform file. */
    public static SpatialTransform parse(String text) {
        String[] lines = text.split("\\R");
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length || !lines[first].trim().startsWith("#Insight Transform File")) {
            throw new IllegalArgumentException(
                    "not an ITK text transform file (the first line is not '" + HEADER + "')");
        }
        List<Block> blocks = new ArrayList<>();
        String type = null;
        int typeLine = 0;
        double[] params = null, fixed = null;
        for (int n = first + 1; n <= lines.length; n++) {
            String line = n < lines.length ? lines[n].trim() : "#Transform end";
            if (line.startsWith("#Transform")) {
                if (type != null) {
                    blocks.add(new Block(typeLine, type, params, fixed));
                }
                type = null;
                params = null;
                fixed = null;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("line " + (n + 1) + ": expected 'Key: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "Transform" -> {
                    if (type != null) {
                        blocks.add(new Block(typeLine, type, params, fixed));
                        params = null;
                        fixed = null;
                    }
                    type = value;
                    typeLine = n + 1;
                }
                case "Parameters" -> params = numbers(value, n + 1);
                case "FixedParameters" -> fixed = numbers(value, n + 1);
                default -> throw new IllegalArgumentException("line " + (n + 1) + ": unknown key '" + key + "'");
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the file holds no transform");
        }
        if (isComposite(blocks.get(0).type())) {
            List<SpatialTransform> queue = new ArrayList<>();
            for (int i = 1; i < blocks.size(); i++) {
                if (isComposite(blocks.get(i).type())) {
                    continue; // a nested composite's parts follow it in the same flat list
                }
                queue.add(transform(blocks.get(i)));
            }
            if (queue.isEmpty()) {
                throw new IllegalArgumentException("the composite transform has no parts");
            }
            return CompositeTransform.ofQueue(queue);
        }
        if (blocks.size() > 1) {
            throw new IllegalArgumentException("the file holds " + blocks.size()
                    + " transforms without a CompositeTransform header; their order of application is not defined");
        }
        return transform(blocks.get(0));
    }

    private static boolean isComposite(String type) {
        return type.startsWith("CompositeTransform_");
    }

    private static double[] numbers(String value, int line) {
        if (value.isEmpty()) {
            return new double[0];
        }
        String[] parts = value.split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + line + ": '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("line " + line + ": non-finite value '" + parts[i] + "'");
            }
        }
        return out;
    }

    private static SpatialTransform transform(Block b) {
        String type = b.type();
        int underscore = type.indexOf('_');
        String name = underscore < 0 ? type : type.substring(0, underscore);
        String dims = underscore < 0 ? "" : type.substring(underscore);
        if (!dims.equals("_double_3_3") && !dims.equals("_float_3_3")) {
            throw new IllegalArgumentException("line " + b.line() + ": transform type '" + type
                    + "' is not a 3-D transform of this file format (expected …_double_3_3 or …_float_3_3)");
        }
        double[] p = b.parameters() == null ? new double[0] : b.parameters();
        double[] f = b.fixed() == null ? new double[0] : b.fixed();
        return switch (name) {
            case "AffineTransform", "MatrixOffsetTransformBase", "Rigid3DTransform" -> {
                expect(b, p, 12, "Parameters");
                double[] c = centre(b, f, 3);
                yield AffineTransform.centred(java.util.Arrays.copyOf(p, 9), new double[] {p[9], p[10], p[11]}, c);
            }
            case "Euler3DTransform" -> {
                expect(b, p, 6, "Parameters");
                double[] c = centre(b, f, 3);
                boolean zyx = f.length >= 4 && f[3] != 0;
                yield RigidTransform.of(
                        zyx ? RigidTransform.Rotation.EULER_ZYX : RigidTransform.Rotation.EULER_ZXY,
                        new double[] {p[0], p[1], p[2]},
                        new double[] {p[3], p[4], p[5]},
                        c);
            }
            case "VersorRigid3DTransform" -> {
                expect(b, p, 6, "Parameters");
                yield RigidTransform.of(
                        RigidTransform.Rotation.VERSOR,
                        new double[] {p[0], p[1], p[2]},
                        new double[] {p[3], p[4], p[5]},
                        centre(b, f, 3));
            }
            case "Similarity3DTransform" -> {
                expect(b, p, 7, "Parameters");
                double[] r = RigidTransform.rotationMatrix(RigidTransform.Rotation.VERSOR, p);
                for (int i = 0; i < 9; i++) {
                    r[i] *= p[6];
                }
                yield AffineTransform.centred(r, new double[] {p[3], p[4], p[5]}, centre(b, f, 3), "similarity");
            }
            case "TranslationTransform" -> {
                expect(b, p, 3, "Parameters");
                yield AffineTransform.translation(p[0], p[1], p[2]);
            }
            case "IdentityTransform" -> AffineTransform.identity();
            default ->
                throw new IllegalArgumentException("line " + b.line() + ": transform type '" + type
                        + "' is not read (read: AffineTransform, MatrixOffsetTransformBase, Rigid3DTransform,"
                        + " Euler3DTransform, VersorRigid3DTransform, Similarity3DTransform, TranslationTransform,"
                        + " IdentityTransform, CompositeTransform; displacement fields are read as NIfTI)");
        };
    }

    private static void expect(Block b, double[] values, int n, String key) {
        if (values.length != n) {
            throw new IllegalArgumentException("line " + b.line() + ": " + b.type() + " needs " + n + " " + key
                    + ", the file gives " + values.length);
        }
    }

    private static double[] centre(Block b, double[] fixed, int n) {
        if (fixed.length == 0) {
            return new double[3]; // no fixed parameters written: ITK's default centre is the origin
        }
        if (fixed.length < n) {
            throw new IllegalArgumentException("line " + b.line() + ": " + b.type()
                    + " needs the centre (3 FixedParameters), the file gives " + fixed.length);
        }
        return new double[] {fixed[0], fixed[1], fixed[2]};
    }

    /** The text of a transform file for {@code transform} (see the class comment for what is written). */
    public static String format(SpatialTransform transform) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        if (transform instanceof CompositeTransform composite) {
            sb.append("#Transform 0\nTransform: CompositeTransform_double_3\n");
            List<SpatialTransform> flat = new ArrayList<>();
            flatten(composite, flat);
            for (int i = 0; i < flat.size(); i++) {
                block(sb, i + 1, flat.get(i));
            }
        } else {
            block(sb, 0, transform);
        }
        return sb.toString();
    }

    private static void flatten(SpatialTransform t, List<SpatialTransform> out) {
        if (t instanceof CompositeTransform c) {
            for (SpatialTransform part : c.queue()) {
                flatten(part, out);
            }
        } else {
            out.add(t);
        }
    }

    private static void block(StringBuilder sb, int index, SpatialTransform t) {
        sb.append("#Transform ").append(index).append('\n');
        if (t instanceof RigidTransform rigid) {
            double[] r = rigid.rotation(), tr = rigid.translation(), c = rigid.centre();
            if (rigid.kind() == RigidTransform.Rotation.VERSOR) {
                sb.append("Transform: VersorRigid3DTransform_double_3_3\n");
                line(sb, "Parameters", r[0], r[1], r[2], tr[0], tr[1], tr[2]);
                line(sb, "FixedParameters", c[0], c[1], c[2]);
            } else {
                sb.append("Transform: Euler3DTransform_double_3_3\n");
                line(sb, "Parameters", r[0], r[1], r[2], tr[0], tr[1], tr[2]);
                line(
                        sb,
                        "FixedParameters",
                        c[0],
                        c[1],
                        c[2],
                        rigid.kind() == RigidTransform.Rotation.EULER_ZYX ? 1 : 0);
            }
            return;
        }
        Optional<AffineTransform> affine = t instanceof AffineTransform a ? Optional.of(a) : Optional.empty();
        if (affine.isEmpty()) {
            throw new IllegalArgumentException("'" + t.describe()
                    + "' cannot be written as an ITK text transform (only affine and rigid transforms and composites of"
                    + " them; save displacement fields as NIfTI)");
        }
        AffineTransform a = affine.get();
        double[] m = a.matrix(), tr = a.translation(), c = a.centre();
        sb.append("Transform: AffineTransform_double_3_3\n");
        line(sb, "Parameters", m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], tr[0], tr[1], tr[2]);
        line(sb, "FixedParameters", c[0], c[1], c[2]);
    }

    private static void line(StringBuilder sb, String key, double... values) {
        sb.append(key).append(':');
        for (double v : values) {
            // Java's shortest round-trip decimal; C++ streams read the exponent form it may use (1.0E-5).
            sb.append(' ')
                    .append(
                            v == Math.rint(v) && Math.abs(v) < 1e15
                                    ? String.format(Locale.ROOT, "%.0f", v)
                                    : Double.toString(v));
        }
        sb.append('\n');
    }
}
