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

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.io.spi.SeriesReader;
import org.ferrum.io.spi.SeriesWriter;
import org.openide.util.lookup.ServiceProvider;
import org.openide.util.lookup.ServiceProviders;

/**
 * io's series SPI for DICOM: reads a multi-echo GRE folder ({@link DicomMultiEcho}) and writes a derived map as a
 * series ({@link DerivedMapExport}), referencing the series the map's grid was read from in this session
 * ({@link DicomProvenance}). Position 500: a provider registered before it (e.g. one backed by dcm4che) is used
 * instead.
 */
@ServiceProviders({
    @ServiceProvider(service = SeriesReader.class, position = 500),
    @ServiceProvider(service = SeriesWriter.class, position = 500)
})
public final class DicomSeriesProvider implements SeriesReader, SeriesWriter {

    @Override
    public String formatName() {
        return "DICOM";
    }

    @Override
    public MultiEchoGre readMultiEchoGre(Path folder, Cancellation cancellation) throws IOException {
        return DicomMultiEcho.read(folder, cancellation);
    }

    @Override
    public DiffusionDataset readDiffusion(Path folder, Cancellation cancellation) throws IOException {
        return DicomDiffusionSeries.read(folder, cancellation);
    }

    @Override
    public Optional<String> mapKind(PhysicalUnit unit) {
        return DerivedMapExport.MapKind.forUnit(unit).map(DerivedMapExport.MapKind::label);
    }

    @Override
    public Written write(Volume<FloatType> map, Path folder, String derivation) throws IOException {
        if (map.frames() != 1) {
            throw new IllegalArgumentException(
                    "a DICOM derived map is one 3-D volume, this one has " + map.frames() + " frames");
        }
        DerivedMapExport.MapKind kind = DerivedMapExport.MapKind.forUnit(map.unit())
                .orElseThrow(() -> new IllegalArgumentException(
                        "the map is in " + map.unit().symbol() + ", which says no map kind"));
        DerivedMapExport export = DerivedMapExport.of(kind).derivationDescription(derivation);
        Optional<DicomSeries> source = DicomProvenance.sourceOf(map.geometry());
        if (source.isPresent()) {
            export.source(DicomProvenance.sourceSeries(source.get()));
        }
        DerivedMapExport.Result r = export.write(map, folder);
        return new Written(
                r.folder(),
                r.files(),
                kind.label(),
                source.map(s -> "series " + s.seriesNumber() + " “" + s.seriesDescription() + "” of patient "
                        + s.patientName().replace('^', ' ').strip()));
    }
}
