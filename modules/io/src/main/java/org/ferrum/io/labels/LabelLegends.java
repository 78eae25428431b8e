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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.io.table.LabelTableFiles;

/**
 * Legends of label maps ({@link LabelTable}): the built-in legend of FreeSurfer's and FSL FIRST's label numbers, legends
 * read from a FreeSurfer colour LUT or a BIDS {@code dseg.tsv}, and the check that a legend names every label of a
 * map.
 *
 * <p>Files are parsed by {@link LabelTableFiles} (io's {@link org.ferrum.io.table.LabelTable}, which also holds
 * label 0 and colourless labels); here they become core legends: label 0 (background, "Unknown") is left out, and a
 * label without a colour gets {@link #defaultColour}.
 */
public final class LabelLegends {

    /** The resource holding the built-in legend (BIDS dseg.tsv format; see the io README for its sources). */
    static final String FREESURFER_RESOURCE = "freesurfer-cma-dseg.tsv";

    private static volatile LabelTable freeSurfer;

    private LabelLegends() {}

    /**
     * The legend of the label numbers FreeSurfer ({@code aseg}, {@code aparc+aseg}, FastSurfer) and FSL FIRST write —
     * the CMA numbering of FreeSurfer's colour table: cerebral white matter and cortex, ventricles, CSF, thalamus,
     * caudate, putamen, pallidum, hippocampus, amygdala, accumbens, ventral DC, brain stem, cerebellum, corpus
     * callosum, and the Desikan–Killiany cortical parcels of aparc (1000 + n left, 2000 + n right), with
     * FreeSurfer's colours. Value 10/49 is called {@code Left-/Right-Thalamus} (FreeSurfer 7; 6 said
     * {@code Thalamus-Proper}).
     */
    public static LabelTable freeSurfer() {
        LabelTable t = freeSurfer;
        if (t == null) {
            try (InputStream in = LabelLegends.class.getResourceAsStream(FREESURFER_RESOURCE)) {
                String text = new String(
                        Objects.requireNonNull(in, FREESURFER_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
                t = fromTable(LabelTableFiles.readDseg(FREESURFER_RESOURCE, text));
            } catch (IOException e) {
                throw new UncheckedIOException("built-in legend " + FREESURFER_RESOURCE + " is unreadable", e);
            }
            freeSurfer = t;
        }
        return t;
    }

    /**
     * The legend in {@code file}: a BIDS {@code dseg.tsv} if the name ends {@code .tsv}, else a FreeSurfer colour LUT
     * ({@code value name R G B A} lines, {@code #} comments).
     *
     * @throws org.ferrum.io.table.TableFormatException naming the file and line when it is neither
     */
    public static LabelTable read(Path file) throws IOException {
        return fromTable(LabelTableFiles.read(file));
    }

    /** Writes {@code legend} as a BIDS {@code dseg.tsv} (index, name, color), atomically. */
    public static void writeDseg(LabelTable legend, Path file) throws IOException {
        LabelTableFiles.writeDseg(toTable(legend), file);
    }

    /** io's label table as a legend: label 0 left out, labels without a colour given {@link #defaultColour}. */
    public static LabelTable fromTable(org.ferrum.io.table.LabelTable table) {
        List<LabelEntry> entries = new ArrayList<>();
        for (org.ferrum.io.table.LabelTable.Label l : table.labels()) {
            if (l.index() > 0) {
                entries.add(LabelEntry.named(l.index(), l.name(), l.hasColour() ? l.rgb() : defaultColour(l.index())));
            }
        }
        return LabelTable.of(entries);
    }

    /** A legend as io's label table (every label with its colour). */
    public static org.ferrum.io.table.LabelTable toTable(LabelTable legend) {
        List<org.ferrum.io.table.LabelTable.Label> labels = new ArrayList<>();
        for (LabelEntry e : legend.entries()) {
            labels.add(new org.ferrum.io.table.LabelTable.Label(e.value(), e.name(), e.rgb()));
        }
        return new org.ferrum.io.table.LabelTable(labels);
    }

    /**
     * The colour of a label nobody gave one: twelve well-separated hues (golden-angle steps around the colour wheel,
     * full saturation, 90 % brightness), label 1 first, repeating.
     */
    public static int defaultColour(int value) {
        int k = Math.floorMod(value - 1, 12);
        float hue = (float) ((k * 0.381966) % 1.0);
        return java.awt.Color.HSBtoRGB(hue, 0.85f, 0.95f) & 0xFFFFFF;
    }

    /** The values in {@code present} (other than 0) that {@code legend} has no entry for, ascending. */
    public static SortedSet<Integer> unnamed(LabelTable legend, Collection<Integer> present) {
        SortedSet<Integer> missing = new TreeSet<>();
        for (int v : present) {
            if (v != 0 && legend.entry(v).isEmpty()) {
                missing.add(v);
            }
        }
        return missing;
    }

    /** The legend's entries for the values in {@code present} only (a 1300-line LUT reduced to the map's labels). */
    public static LabelTable restrictedTo(LabelTable legend, Collection<Integer> present) {
        List<LabelEntry> kept = new ArrayList<>();
        for (int v : new TreeSet<>(present)) {
            legend.entry(v).ifPresent(kept::add);
        }
        return LabelTable.of(kept);
    }
}
