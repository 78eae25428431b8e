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

/**
 * One decoded frame of encapsulated pixel data, as a compressed codestream describes it.
 *
 * <p>{@code samples} holds {@code columns × rows × samplesPerPixel} values, row-major with the samples
 * of one pixel interleaved (color-by-pixel, PS3.3 C.7.6.3.1.3 Planar Configuration 0): the sample
 * {@code s} of pixel ({@code x}, {@code y}) is {@code samples[(y * columns + x) * samplesPerPixel + s]}.
 *
 * <p>Signedness: values are what the codestream encodes. A lossless JPEG stream (ITU-T T.81 process 14)
 * has no notion of sign, so its samples are always in {@code 0 .. 2^bitsStored − 1}; when the data set
 * says Pixel Representation 1 the caller sign-extends from {@code bitsStored} bits (PS3.5 §8.2.1 says the
 * encoder was given the two's-complement bit pattern). A JPEG 2000 codestream records signedness per
 * component (SIZ Ssiz): signed components come out already sign-extended, in
 * {@code −2^(bitsStored−1) .. 2^(bitsStored−1) − 1}.
 *
 * <p>{@code bitsStored} is the codestream's sample precision (SOF P for JPEG, Ssiz + 1 for JPEG 2000).
 * The array is not copied: the decoder hands it over and the caller owns it.
 */
record DecodedImage(int columns, int rows, int samplesPerPixel, int bitsStored, int[] samples) {}
