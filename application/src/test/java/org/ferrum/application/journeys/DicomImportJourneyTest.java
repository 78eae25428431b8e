package org.ferrum.application.journeys;

import org.junit.jupiter.api.Test;

/** Journey 4: the DICOM import window converts the selected series, and only it. */
class DicomImportJourneyTest {

    @Test
    void scanSelectAndConvertASeries() {
        Journeys.run(DicomImportJourney.class, "testScanSelectAndConvertASeries");
    }

    @Test
    void convertsOnlyTheSelectedSeries() {
        Journeys.run(DicomImportJourney.class, "testConvertsOnlyTheSelectedSeries");
    }
}
