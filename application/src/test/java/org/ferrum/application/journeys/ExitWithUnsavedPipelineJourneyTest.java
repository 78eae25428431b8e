package org.ferrum.application.journeys;

import org.junit.jupiter.api.Test;

/** Journey 3: File ▸ Exit with a modified pipeline asks first. */
class ExitWithUnsavedPipelineJourneyTest {

    @Test
    void exitAsksAboutTheModifiedPipeline() {
        Journeys.run(ExitWithUnsavedPipelineJourney.class, "testExitAsksAboutTheModifiedPipeline");
    }
}
