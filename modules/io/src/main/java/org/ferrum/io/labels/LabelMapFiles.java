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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;

/**
 * Label maps with their legends, as the field's tools write them, and as Ferrum writes its own.
 *
 * <p>Reading ({@link #read}): the voxels come from any volume format Ferrum reads (FreeSurfer {@code .mgz}/{@code .mgh}
 * through {@link MghFiles}, NIfTI); they must be one 3-D frame of whole numbers ≥ 0, else a
 * {@link VolumeFormatException} naming the file says which voxel is not. The legend, first found wins:
 * <ol>
 *   <li>the LUT the caller gives (a FreeSurfer colour LUT, or a {@code .tsv} dseg table);</li>
 *   <li>the BIDS table beside the map: {@code <stem>.tsv} ({@code sub-1_dseg.nii.gz} → {@code sub-1_dseg.tsv}, the
 *       sibling Ferrum writes), else a {@code dseg.tsv} in the map's folder or a folder above it, up to the dataset's
 *       root (the folder with {@code dataset_description.json}; BIDS inheritance) or three levels;</li>
 *   <li>the built-in FreeSurfer/CMA legend ({@link LabelLegends#freeSurfer()}) for a FreeSurfer file
 *       ({@code .mgz}/{@code .mgh}, or a name containing {@code aseg} or {@code aparc}) and for FSL FIRST's outputs
 *       ({@code *_firstseg*}, {@code *_first-*}, {@code *_first.nii*}), which use the same numbering;</li>
 *   <li>none: labels are called "label N".</li>
 * </ol>
 * The legend kept is reduced to the values present. A value present in the map but missing from the legend gives a
 * warning naming the values (they stay, called "label N"); an FSL FIRST file holding label + 100 values (the
 * uncorrected {@code _first} output, whose boundary voxels FIRST marks by adding 100) says to use the
 * {@code _firstseg} file.
 *
 * <p>Writing ({@link #write}): Ferrum's own label maps are NIfTI ({@code .nii}/{@code .nii.gz}) with the legend as a
 * BIDS {@code dseg.tsv} sibling {@code <stem>.tsv} ({@link #sidecar}); {@link VolumeFiles#write(Volume, Path)} does
 * this for every volume that carries a legend, so {@code io.write.volume} and a pipeline's saved outputs keep the
 * names, and {@link #read} (and {@link VolumeFiles#readFloat(Path)}) restore them.
 */
public final class LabelMapFiles {

    private static final Pattern FIRST = Pattern.compile(".*(_firstseg|_first-|_first\\.nii|_first\\.mgz).*");
    private static final Pattern FREESURFER = Pattern.compile(".*(aseg|aparc|wmparc).*");
    private static final int LEVELS_UP = 3;

    private LabelMapFiles() {}

    /**
     * A label map read, with where its legend came from and what was doubtful.
     *
     * @param labels       the map (float voxels holding whole numbers), its legend attached
     * @param legendSource where the legend came from (a path, "built-in FreeSurfer/CMA legend", or "none")
     * @param warnings     one line each, starting with the file name
     */
    public record Read(Volume<FloatType> labels, String legendSource, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads {@code map} and its legend ({@code lut} if given, else found as the class comment says). */
    public static Read read(Path map, Optional<Path> lut) throws IOException {
        List<String> warnings = new ArrayList<>();
        Volume<FloatType> v = VolumeFiles.readFloat(map, warnings::add);
        String name = fileName(map);
        if (v.frames() != 1) {
            throw new VolumeFormatException(
                    map, "holds " + v.frames() + " frames (4-D); a label map is one 3-D" + " frame");
        }
        v = v.frame(0);
        SortedSet<Integer> present = values(map, v);
        LabelTable legend;
        String source;
        Optional<Path> table = lut.isPresent() ? lut : foundTable(map);
        if (table.isPresent()) {
            legend = LabelLegends.read(table.get());
            source = table.get().toString();
        } else if (isFreeSurfer(map) || isFirst(map)) {
            legend = LabelLegends.freeSurfer();
            source = "built-in FreeSurfer/CMA legend (" + (isFirst(map) ? "FSL FIRST" : "FreeSurfer") + " numbering)";
        } else {
            legend = LabelTable.EMPTY;
            source = "none";
        }
        if (isFirst(map)) {
            List<Integer> boundary = present.stream()
                    .filter(x -> x > 100
                            && present.contains(x - 100)
                            && legend.entry(x - 100).isPresent()
                            && legend.entry(x).isEmpty())
                    .toList();
            if (!boundary.isEmpty()) {
                warnings.add(name + ": values " + join(boundary) + " are FIRST's boundary voxels (label + 100) of an"
                        + " uncorrected _first output; use the boundary-corrected *_firstseg file");
            }
        }
        SortedSet<Integer> unnamed = LabelLegends.unnamed(legend, present);
        if (!legend.isEmpty() && !unnamed.isEmpty()) {
            warnings.add(name + ": the legend (" + source + ") has no entry for label"
                    + (unnamed.size() > 1 ? "s " : " ") + join(unnamed) + " present in the map; called \"label N\"");
        }
        Volume<FloatType> labels = v.withLabels(LabelLegends.restrictedTo(legend, present));
        return new Read(labels, source, warnings);
    }

    /** Writes {@code labels} as NIfTI with its legend as the BIDS {@link #sidecar} (see the class comment). */
    public static void write(Volume<FloatType> labels, Path file) throws IOException {
        VolumeFiles.write(labels, file);
    }

    /**
     * The BIDS table beside a label map: the name without {@code .nii}, {@code .nii.gz}, {@code .mgz} or
     * {@code .mgh}, plus {@code .tsv} ({@code sub-1_dseg.nii.gz} → {@code sub-1_dseg.tsv}).
     */
    public static Path sidecar(Path map) {
        String n = fileName(map).replaceFirst("(?i)(\\.nii(\\.gz)?|\\.mgz|\\.mgh)$", "");
        return map.resolveSibling(n + ".tsv");
    }

    /** The dseg table found beside or above {@code map} (see the class comment). */
    public static Optional<Path> foundTable(Path map) {
        Path side = sidecar(map);
        if (Files.isRegularFile(side)) {
            return Optional.of(side);
        }
        Path dir = map.toAbsolutePath().getParent();
        for (int up = 0; dir != null && up <= LEVELS_UP; up++, dir = dir.getParent()) {
            Path t = dir.resolve("dseg.tsv");
            if (Files.isRegularFile(t)) {
                return Optional.of(t);
            }
            if (Files.exists(dir.resolve("dataset_description.json"))) {
                break;
            }
        }
        return Optional.empty();
    }

    /** True for a FreeSurfer file: {@code .mgz}/{@code .mgh}, or a name with {@code aseg}, {@code aparc}, {@code wmparc}. */
    public static boolean isFreeSurfer(Path map) {
        return MghFiles.isMghName(map)
                || FREESURFER.matcher(fileName(map).toLowerCase(Locale.ROOT)).matches();
    }

    /** True for an FSL FIRST output name ({@code *_all_fast_firstseg.nii.gz}, {@code *_first-L_Puta_first.nii.gz}, …). */
    public static boolean isFirst(Path map) {
        return FIRST.matcher(fileName(map)).matches();
    }

    /** The distinct values of a label map, refusing a value that is not a whole number ≥ 0. */
    static SortedSet<Integer> values(Path file, Volume<FloatType> v) throws VolumeFormatException {
        // One pass over the voxels; a run of one value (most of a label map) costs one comparison a voxel.
        float[] a = org.ferrum.core.VolumeArrays.frame(v, 0);
        java.util.BitSet seen = new java.util.BitSet();
        SortedSet<Integer> large = new TreeSet<>();
        float last = 0;
        for (int n = 0; n < a.length; n++) {
            float x = a[n];
            if (x == last) {
                continue;
            }
            if (!(x >= 0) || x != Math.rint(x) || x > Integer.MAX_VALUE) {
                long nx = v.dimension(0), ny = v.dimension(1);
                throw new VolumeFormatException(
                        file,
                        "voxel (" + n % nx + ", " + (n / nx) % ny + ", " + n / (nx * ny)
                                + ") holds " + x
                                + ", but a label map holds whole numbers ≥ 0 (is this an image rather than"
                                + " labels?)");
            }
            last = x;
            int label = (int) x;
            if (label < 1 << 20) {
                seen.set(label);
            } else {
                large.add(label);
            }
        }
        SortedSet<Integer> present = new TreeSet<>(large);
        seen.stream().forEach(present::add);
        present.remove(0);
        return present;
    }

    private static String join(java.util.Collection<Integer> values) {
        List<Integer> l = List.copyOf(values);
        String s = l.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "));
        return l.size() > 20 ? s + ", … (" + l.size() + " in all)" : s;
    }

    private static String fileName(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
