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
package org.ferrum.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.ScaledVolume;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DicomConverter} beyond the reference comparison: stored data type, gzip, cancellation, the listener,
 * bad folders, and re-converting into an output folder that lies inside the input folder.
 */
class DicomConverterBehaviourTest {

    @TempDir
    Path dir;

    static Path megre() {
        return TestData.path("dicom/heudiconv/MEGRE");
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Volume<FloatType> volume(float... values) {
        Volume<FloatType> v =
                Volumes.createFloat(new long[] {values.length, 1, 1}, Geometry.identity(), PhysicalUnit.ARBITRARY);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    @Test
    void integerValuesAreStoredAsInt16OrUint16OthersAsFloat() {
        assertInstanceOf(
                ShortType.class,
                DicomConverter.compact(volume(-32768, 0, 32767)).stored().pixelType());
        assertInstanceOf(
                UnsignedShortType.class,
                DicomConverter.compact(volume(0, 40000, 65535)).stored().pixelType());
        assertInstanceOf(
                FloatType.class,
                DicomConverter.compact(volume(0, 70000)).stored().pixelType());
        assertInstanceOf(
                FloatType.class,
                DicomConverter.compact(volume(1.5f, 2)).stored().pixelType());
        assertInstanceOf(
                FloatType.class,
                DicomConverter.compact(volume(-1, 40000)).stored().pixelType());
        assertInstanceOf(
                FloatType.class,
                DicomConverter.compact(volume(Float.NaN)).stored().pixelType());
        ScaledVolume<?> s = DicomConverter.compact(volume(-3, 7));
        assertEquals(-3f, s.toFloat().image().firstElement().get());
        assertFalse(s.isScaled());
    }

    @Test
    void gzipOptionWritesNiiGzAndTheListenerHearsEveryOutput() throws IOException {
        List<ConversionReport.Output> heard = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        DicomConverter c = new DicomConverter(
                DicomConverter.Options.defaults().withGzip(true).withNaming(NameTemplate.parse("%s_%e")));
        ConversionReport r = c.convert(
                megre(),
                dir.resolve("o"),
                new DicomConverter.Listener() {
                    @Override
                    public synchronized void progress(double fraction, String message) {
                        progress.add(fraction);
                    }

                    @Override
                    public void written(ConversionReport.Output output) {
                        heard.add(output);
                    }
                },
                Cancellation.NEVER);
        assertEquals(r.written(), heard);
        assertEquals(
                List.of(
                        "2_1.json",
                        "2_1.nii.gz",
                        "2_2.json",
                        "2_2.nii.gz",
                        "2_3.json",
                        "2_3.nii.gz",
                        "3_1_ph.json",
                        "3_1_ph.nii.gz",
                        "3_2_ph.json",
                        "3_2_ph.nii.gz",
                        "3_3_ph.json",
                        "3_3_ph.nii.gz"),
                names(dir.resolve("o")));
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(r.complete());
        assertEquals(2, r.seriesFound());
    }

    @Test
    void cancellingStopsAndLeavesOnlyFinishedSeries() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        Path o = dir.resolve("o");
        DicomConverter c = new DicomConverter();
        assertThrows(
                CancellationException.class,
                () -> c.convert(
                        megre(),
                        o,
                        new DicomConverter.Listener() {
                            @Override
                            public void written(ConversionReport.Output output) {
                                cancel.set(true); // after the first series
                            }
                        },
                        cancel::get));
        List<String> left = names(o);
        assertEquals(
                6,
                left.size(),
                "the magnitude series (3 echoes, image + sidecar) and nothing of the phase series: " + left);
        assertTrue(left.stream().noneMatch(n -> n.contains("_ph") || n.endsWith(".part")), left.toString());
    }

    @Test
    void aMissingFolderOrAFileIsRefused() throws IOException {
        DicomConverter c = new DicomConverter();
        assertThrows(
                NoSuchFileException.class,
                () -> c.convert(dir.resolve("absent"), dir.resolve("o"), DicomConverter.SILENT, Cancellation.NEVER));
        Path file = Files.writeString(dir.resolve("x.dcm"), "x");
        assertThrows(
                NotDirectoryException.class,
                () -> c.convert(file, dir.resolve("o"), DicomConverter.SILENT, Cancellation.NEVER));
    }

    @Test
    void convertingAgainIntoAnOutputFolderInsideTheInputIgnoresEarlierOutputs() throws IOException {
        Path in = dir.resolve("in");
        try (Stream<Path> files = Files.walk(megre())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = in.resolve(megre().relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path o = in.resolve("nifti");
        DicomConverter c = new DicomConverter();
        assertTrue(c.convert(in, o, DicomConverter.SILENT, Cancellation.NEVER).complete());
        ConversionReport again = c.convert(in, o, DicomConverter.SILENT, Cancellation.NEVER);
        assertTrue(again.complete());
        assertEquals(List.of(), again.unreadable(), "our own outputs are not reported as unreadable DICOM");
        assertEquals(12, names(o).size(), "same names, replaced: " + names(o));
    }
}
