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
 * The attributes series assembly reads (PS3.6 data dictionary; private tags from the vendors' DICOM
 * conformance statements, as cited where they are used). Kept apart from the parser's dictionary so that
 * assembly's needs are visible in one place.
 */
final class FrameTags {

    private FrameTags() {}

    static int tag(int group, int element) {
        return (group << 16) | element;
    }

    // patient / study / series
    static final int PATIENT_NAME = tag(0x0010, 0x0010);
    static final int PATIENT_ID = tag(0x0010, 0x0020);
    static final int STUDY_INSTANCE_UID = tag(0x0020, 0x000D);
    static final int STUDY_DATE = tag(0x0008, 0x0020);
    static final int STUDY_DESCRIPTION = tag(0x0008, 0x1030);
    static final int SERIES_INSTANCE_UID = tag(0x0020, 0x000E);
    static final int SERIES_NUMBER = tag(0x0020, 0x0011);
    static final int SERIES_DESCRIPTION = tag(0x0008, 0x103E);
    static final int MODALITY = tag(0x0008, 0x0060);
    static final int MANUFACTURER = tag(0x0008, 0x0070);
    static final int PROTOCOL_NAME = tag(0x0018, 0x1030);
    static final int SOP_CLASS_UID = tag(0x0008, 0x0016);
    static final int MAGNETIC_FIELD_STRENGTH = tag(0x0018, 0x0087);

    // image
    static final int IMAGE_TYPE = tag(0x0008, 0x0008);
    static final int INSTANCE_NUMBER = tag(0x0020, 0x0013);
    static final int ACQUISITION_NUMBER = tag(0x0020, 0x0012);
    static final int ACQUISITION_TIME = tag(0x0008, 0x0032);
    static final int TEMPORAL_POSITION_IDENTIFIER = tag(0x0020, 0x0100);
    static final int ECHO_TIME = tag(0x0018, 0x0081);
    static final int ECHO_NUMBERS = tag(0x0018, 0x0086);
    static final int SLICE_THICKNESS = tag(0x0018, 0x0050);
    static final int SPACING_BETWEEN_SLICES = tag(0x0018, 0x0088);
    static final int IMAGE_POSITION_PATIENT = tag(0x0020, 0x0032);
    static final int IMAGE_ORIENTATION_PATIENT = tag(0x0020, 0x0037);
    static final int PIXEL_SPACING = tag(0x0028, 0x0030);
    static final int ROWS = tag(0x0028, 0x0010);
    static final int COLUMNS = tag(0x0028, 0x0011);
    static final int NUMBER_OF_FRAMES = tag(0x0028, 0x0008);
    static final int BITS_STORED = tag(0x0028, 0x0101);
    static final int PIXEL_REPRESENTATION = tag(0x0028, 0x0103);
    static final int SMALLEST_IMAGE_PIXEL_VALUE = tag(0x0028, 0x0106);
    static final int LARGEST_IMAGE_PIXEL_VALUE = tag(0x0028, 0x0107);
    static final int RESCALE_INTERCEPT = tag(0x0028, 0x1052);
    static final int RESCALE_SLOPE = tag(0x0028, 0x1053);
    static final int PIXEL_DATA = tag(0x7FE0, 0x0010);

    // enhanced MR functional groups (PS3.3 C.7.6.16, C.8.13)
    static final int SHARED_FUNCTIONAL_GROUPS = tag(0x5200, 0x9229);
    static final int PER_FRAME_FUNCTIONAL_GROUPS = tag(0x5200, 0x9230);
    static final int PLANE_POSITION_SEQUENCE = tag(0x0020, 0x9113);
    static final int PLANE_ORIENTATION_SEQUENCE = tag(0x0020, 0x9116);
    static final int PIXEL_MEASURES_SEQUENCE = tag(0x0028, 0x9110);
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = tag(0x0028, 0x9145);
    static final int MR_ECHO_SEQUENCE = tag(0x0018, 0x9114);
    static final int EFFECTIVE_ECHO_TIME = tag(0x0018, 0x9082);
    static final int FRAME_CONTENT_SEQUENCE = tag(0x0020, 0x9111);
    static final int TEMPORAL_POSITION_INDEX = tag(0x0020, 0x9128);
    static final int IN_STACK_POSITION_NUMBER = tag(0x0020, 0x9057);
    static final int FRAME_ACQUISITION_NUMBER = tag(0x0020, 0x9156);
    static final int DIMENSION_INDEX_VALUES = tag(0x0020, 0x9157);
    static final int MR_IMAGE_FRAME_TYPE_SEQUENCE = tag(0x0018, 0x9226);
    static final int FRAME_TYPE = tag(0x0008, 0x9007);
    static final int COMPLEX_IMAGE_COMPONENT = tag(0x0008, 0x9208);
    static final int REAL_WORLD_VALUE_MAPPING_SEQUENCE = tag(0x0040, 0x9096);
    static final int MEASUREMENT_UNITS_CODE_SEQUENCE = tag(0x0040, 0x08EA);
    static final int CODE_VALUE = tag(0x0008, 0x0100);
    static final int RWV_INTERCEPT = tag(0x0040, 0x9224);
    static final int RWV_SLOPE = tag(0x0040, 0x9225);

    // Siemens private (CSA header, "SIEMENS CSA HEADER" creator in (0029,0010)); mosaic count in (0019,100A)
    static final int SIEMENS_CSA_IMAGE_HEADER = tag(0x0029, 0x1010);
    static final int SIEMENS_NUMBER_OF_IMAGES_IN_MOSAIC = tag(0x0019, 0x100A);
    // Philips private: per-frame private sequence and the "scale slope" of its FP scaling
    static final int PHILIPS_PRIVATE_FRAME_SEQUENCE = tag(0x2005, 0x140F);
    static final int PHILIPS_SCALE_SLOPE = tag(0x2005, 0x100E);
    // GE private: image type (0 mag, 1 phase, 2 real, 3 imag) and pulse sequence name
    static final int GE_IMAGE_TYPE = tag(0x0043, 0x102F);
    static final int GE_PULSE_SEQUENCE_NAME = tag(0x0019, 0x109C);
}
