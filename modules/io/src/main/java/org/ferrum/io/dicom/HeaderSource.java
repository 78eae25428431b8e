package org.ferrum.io.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where assembly gets headers and pixels from: the Part 10 parser in production, an in-memory fake in
 * tests.
 */
interface HeaderSource {

    /** The main data set of a file, read up to (not including) the pixel data. */
    DicomDataset header(Path file) throws IOException;

    /**
     * The stored samples of every frame of a file (index = zero-based frame number), each row-major,
     * sign-extended as Pixel Representation says, as floats (exact for stored values up to 2^24); samples
     * equal to the Pixel Padding Value are NaN.
     */
    float[][] frames(Path file) throws IOException;
}
