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
package org.ferrum.viewer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;

/**
 * One undoable change of a label map: a brush stroke, a drawn shape, a removed label. It holds the voxels it changed,
 * each with its value before and after, so undo restores the label array exactly and redo repeats it. Recorded with a
 * {@link Recorder} while the change is made (each voxel's first "before" is kept).
 *
 * @param what    in words, for the Undo button's tooltip, e.g. "paint 'liver' (disc 5 mm)"
 * @param indices voxel indices (x fastest) into the label array
 * @param before  the values before the change
 * @param after   the values after the change
 */
public record LabelEdit(String what, int[] indices, float[] before, float[] after) {

    public LabelEdit {
        if (indices.length != before.length || indices.length != after.length) {
            throw new IllegalArgumentException("indices, before and after must have one entry per voxel");
        }
    }

    /** Number of voxels changed. */
    public int size() {
        return indices.length;
    }

    /** Writes the values before the change into {@code labels}. */
    public void undo(Volume<FloatType> labels) {
        write(labels, before);
    }

    /** Writes the values after the change into {@code labels}. */
    public void redo(Volume<FloatType> labels) {
        write(labels, after);
    }

    private void write(Volume<FloatType> labels, float[] values) {
        float[] a = Volumes.floats(labels);
        for (int n = 0; n < indices.length; n++) {
            a[indices[n]] = values[n];
        }
    }

    /** Collects the voxels set during one change; {@link #finish} makes the edit (voxels whose value came back left out). */
    public static final class Recorder {
        private final float[] array;
        private final Map<Integer, Float> before = new LinkedHashMap<>();

        /** Records changes to {@code labels} (an array-backed 3-D label map). */
        public Recorder(Volume<FloatType> labels) {
            this.array = Volumes.floats(labels);
        }

        /** Sets voxel {@code index} to {@code value}, remembering its first value; returns true if it changed. */
        public boolean set(int index, float value) {
            float old = array[index];
            if (Float.compare(old, value) == 0) {
                return false;
            }
            before.putIfAbsent(index, old);
            array[index] = value;
            return true;
        }

        /** The array being changed (read only: write through {@link #set}). */
        float[] array() {
            return array;
        }

        /** True if nothing has been set yet. */
        public boolean isEmpty() {
            return before.isEmpty();
        }

        public LabelEdit finish(String what) {
            int[] idx = new int[before.size()];
            float[] b = new float[idx.length], a = new float[idx.length];
            int n = 0;
            for (Map.Entry<Integer, Float> e : before.entrySet()) {
                if (Float.compare(e.getValue(), array[e.getKey()]) != 0) {
                    idx[n] = e.getKey();
                    b[n] = e.getValue();
                    a[n] = array[e.getKey()];
                    n++;
                }
            }
            return new LabelEdit(what, Arrays.copyOf(idx, n), Arrays.copyOf(b, n), Arrays.copyOf(a, n));
        }
    }
}
