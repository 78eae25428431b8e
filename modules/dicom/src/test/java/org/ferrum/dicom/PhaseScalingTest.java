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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.dicom.PhaseScaling.StoredScaling;
import org.ferrum.dicom.PhaseScaling.ValueMap;
import org.ferrum.dicom.PhaseScaling.Vendor;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The vendor value rules of {@link PhaseScaling}, on their defining numbers and on real series. */
class PhaseScalingTest {

    private static final StoredScaling SIEMENS_PHASE = StoredScaling.rescale(2, -4096, 0, 4095);

    @Test
    void siemensPhaseMapsRescaledValuesToMinusPiPi() {
        ValueMap m = PhaseScaling.of(Vendor.SIEMENS, ImageKind.PHASE, SIEMENS_PHASE);
        assertEquals(PhysicalUnit.RADIAN, m.unit());
        assertEquals(-Math.PI, m.apply(0), 1e-12);
        assertEquals(0, m.apply(2048), 1e-12);
        assertEquals(Math.PI * 4094 / 4096, m.apply(4095), 1e-12);
    }

    @Test
    void siemensPhaseWithoutRescaleIsCentred() {
        ValueMap m = PhaseScaling.of(Vendor.SIEMENS, ImageKind.PHASE, StoredScaling.rescale(1, 0, 0, 4095));
        assertEquals(-Math.PI, m.apply(0), 1e-12);
        assertEquals(0, m.apply(2048), 1e-12);
    }

    @Test
    void vendorIsReadFromManufacturer() {
        assertEquals(Vendor.SIEMENS, Vendor.of("SIEMENS "));
        assertEquals(Vendor.SIEMENS, Vendor.of("Siemens Healthineers"));
        assertEquals(Vendor.PHILIPS, Vendor.of("Philips Medical Systems"));
        assertEquals(Vendor.GE, Vendor.of("GE MEDICAL SYSTEMS"));
        assertEquals(Vendor.OTHER, Vendor.of("ACME"));
        assertEquals(Vendor.OTHER, Vendor.of(null));
    }

    @Test
    void philipsFieldMapUsesTheRealWorldValueMappingInHertz() {
        StoredScaling s = new StoredScaling(0.24420024420024, -500, 0.2442002442002442, -500, "Hz", 4.095, 0, 4095);
        ValueMap m = PhaseScaling.of(Vendor.PHILIPS, ImageKind.FIELD_MAP, s);
        assertEquals(PhysicalUnit.HERTZ, m.unit());
        assertEquals(-500, m.apply(0), 1e-9);
        assertEquals(500, m.apply(4095), 1e-6);
    }

    @Test
    void philipsMagnitudeUsesTheFloatingPointValue() {
        // FP = (RS·v + RI) / (RS·SS) (Chenevert et al. 2014): independent of the display rescale
        StoredScaling s = new StoredScaling(1.27985347985347, 0, Double.NaN, Double.NaN, null, 8.44864e-06, 0, 4095);
        ValueMap m = PhaseScaling.of(Vendor.PHILIPS, ImageKind.MAGNITUDE, s);
        assertEquals(1000 / 8.44864e-06, m.apply(1000), 1e-3);
        assertEquals(PhysicalUnit.ARBITRARY, m.unit());
    }

    @Test
    void philipsPhaseInRadiansOrMilliradians() {
        ValueMap rad = PhaseScaling.of(
                Vendor.PHILIPS, ImageKind.PHASE, StoredScaling.rescale(2 * Math.PI / 4095, -Math.PI, 0, 4095));
        assertEquals(-Math.PI, rad.apply(0), 1e-12);
        assertEquals(Math.PI, rad.apply(4095), 1e-9);
        ValueMap mrad = PhaseScaling.of(
                Vendor.PHILIPS, ImageKind.PHASE, new StoredScaling(1, -3142, 1, -3142, "mrad", Double.NaN, 0, 6284));
        assertEquals(-3.142, mrad.apply(0), 1e-12);
        assertTrue(mrad.rule().contains("mrad"));
    }

    @Test
    void gePhaseInMilliradiansIsNegated() {
        ValueMap m = PhaseScaling.of(Vendor.GE, ImageKind.PHASE, StoredScaling.rescale(1, 0, -3142, 3142));
        assertEquals(-1.0, m.apply(1000), 1e-12, "1000 mrad becomes −1 rad: GE's phase sign is opposite to Siemens'");
        assertTrue(m.rule().contains("negated"));
    }

    @Test
    void geFieldMapIsHertzAsStored() {
        ValueMap m = PhaseScaling.of(Vendor.GE, ImageKind.FIELD_MAP, StoredScaling.rescale(1, 0, -216, 216));
        assertEquals(PhysicalUnit.HERTZ, m.unit());
        assertEquals(-216, m.apply(-216));
    }

    @Test
    void phaseInDegreesByRange() {
        ValueMap m = PhaseScaling.of(Vendor.OTHER, ImageKind.PHASE, StoredScaling.rescale(1, -180, 0, 360));
        assertEquals(-Math.PI, m.apply(0), 1e-12);
    }

    @Test
    void phaseOfUnknownUnitIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PhaseScaling.of(Vendor.OTHER, ImageKind.PHASE, StoredScaling.rescale(1, 0, -32768, 32767)));
        assertTrue(e.getMessage().contains("cannot tell the unit"), e.getMessage());
    }

    @Test
    void realSiemensPhaseSeriesAreWithinMinusPiPi() throws IOException {
        for (String folder : new String[] {"heudiconv/MEGRE/phase", "dcm_qa_fmap/In/Siemens/3_gre_field_magph"}) {
            DicomSeries s =
                    DicomScanner.scan(TestData.path("dicom/" + folder)).series().get(0);
            DicomVolume v = SeriesAssembly.assemble(s).get(0);
            assertEquals(ImageKind.PHASE, v.kind());
            assertEquals(PhysicalUnit.RADIAN, v.volume().unit());
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (FloatType f : net.imglib2.view.Views.flatIterable(v.volume().image())) {
                min = Math.min(min, f.get());
                max = Math.max(max, f.get());
            }
            assertTrue(min >= -Math.PI - 1e-6 && max <= Math.PI + 1e-6, folder + ": " + min + " … " + max);
            assertTrue(max - min > 6, folder + " spans nearly 2π: " + min + " … " + max);
        }
    }
}
