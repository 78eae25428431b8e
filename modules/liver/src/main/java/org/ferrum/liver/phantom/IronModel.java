package org.ferrum.liver.phantom;

/**
 * How the {@link AbdomenPhantom} turns a liver iron concentration into what MRI sees: R2* and susceptibility. The
 * phantom takes the model from outside so that its truth is made with the same published relations (a calibration,
 * cited constants) that the LIC operators invert, and a test can state which ones.
 */
public interface IronModel {

    /** R2* at 1.5 T, 1/s, of liver tissue with this LIC (mg Fe/g dry weight). */
    double r2starAt15T(double licMgPerGDry);

    /** The susceptibility that this much tissue iron adds, ppm (volume SI), relative to iron-free liver. */
    double ironSusceptibilityPpm(double licMgPerGDry);

    /** χ of fat (triglyceride) relative to water, ppm: a voxel's χ gains PDFF × this. */
    double fatRelativeToWaterPpm();

    /** A short description for logs and provenance (which calibration and constants). */
    String description();
}
