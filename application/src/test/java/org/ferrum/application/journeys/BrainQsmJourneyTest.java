package org.ferrum.application.journeys;

import org.junit.jupiter.api.Test;

/** Journey 2: open brain-qsm.json, run, change a parameter, re-run, the output in the viewer. */
class BrainQsmJourneyTest {

    @Test
    void openRunChangeAParameterAndReRun() {
        Journeys.run(BrainQsmJourney.class, "testOpenRunChangeAParameterAndReRun");
    }
}
