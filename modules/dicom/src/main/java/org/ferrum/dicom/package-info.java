/**
 * DICOM Part 10 reading and writing, written against the standard (PS3.5 data encoding, PS3.6 data
 * dictionary, PS3.10 file format, PS3.3 C.7.6.16 enhanced MR functional groups): parsing, pixel data
 * decoding per transfer syntax, series assembly into volumes with patient geometry, vendor phase
 * scaling, and conversion to NIfTI + BIDS. The readers plug into {@link org.ferrum.io.spi.VolumeReader}
 * like NIfTI does.
 */
package org.ferrum.dicom;
