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

import java.util.Arrays;
import java.util.Optional;

/**
 * The attribute tags Ferrum reads or writes, as {@code int} constants ({@code group << 16 | element}) named
 * by their PS3.6 keywords, and a small data dictionary for them (keyword, VR, VM).
 *
 * <p>The dictionary serves two purposes: implicit-VR data sets (PS3.5 §7.1.3) carry no VR, so the parser
 * takes it from here (an unknown tag is {@link Vr#UN}, PS3.5 §6.2.2); and messages and dumps name tags by
 * keyword, e.g. {@code "(0018,0081) EchoTime"}. It is deliberately not the full PS3.6 dictionary: it holds
 * the attributes Ferrum uses, each checked against PS3.6 Table 6-1 (standard) or the vendor's conformance
 * statement (private).
 *
 * <p>Private tags (odd groups, PS3.5 §7.8.1) are keyed here by their usual element number, i.e. for the
 * private block {@code xx10} that the vendors' private creators (e.g. {@code "SIEMENS CSA HEADER"} at
 * (0029,0010)) reserve in practice. Their keywords start with the vendor's name. Code that depends on a
 * private value should also check the private creator; the dictionary only supplies the VR for
 * implicit-VR decoding and a readable name.
 *
 * <p>Where PS3.6 allows two VRs ("US or SS", e.g. RealWorldValueFirstValueMapped) the dictionary says US;
 * explicit-VR files carry the actual VR.
 */
final class Tags {

    private Tags() {}

    /** (0002,0000) UL, VM 1. */
    public static final int FileMetaInformationGroupLength = 0x00020000;
    /** (0002,0001) OB, VM 1. */
    public static final int FileMetaInformationVersion = 0x00020001;
    /** (0002,0002) UI, VM 1. */
    public static final int MediaStorageSOPClassUID = 0x00020002;
    /** (0002,0003) UI, VM 1. */
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    /** (0002,0010) UI, VM 1. */
    public static final int TransferSyntaxUID = 0x00020010;
    /** (0002,0012) UI, VM 1. */
    public static final int ImplementationClassUID = 0x00020012;
    /** (0002,0013) SH, VM 1. */
    public static final int ImplementationVersionName = 0x00020013;
    /** (0002,0016) AE, VM 1. */
    public static final int SourceApplicationEntityTitle = 0x00020016;
    /** (0008,0005) CS, VM 1-n. */
    public static final int SpecificCharacterSet = 0x00080005;
    /** (0008,0008) CS, VM 2-n. */
    public static final int ImageType = 0x00080008;
    /** (0008,0016) UI, VM 1. */
    public static final int SOPClassUID = 0x00080016;
    /** (0008,0018) UI, VM 1. */
    public static final int SOPInstanceUID = 0x00080018;
    /** (0008,0020) DA, VM 1. */
    public static final int StudyDate = 0x00080020;
    /** (0008,0021) DA, VM 1. */
    public static final int SeriesDate = 0x00080021;
    /** (0008,0022) DA, VM 1. */
    public static final int AcquisitionDate = 0x00080022;
    /** (0008,0023) DA, VM 1. */
    public static final int ContentDate = 0x00080023;
    /** (0008,002A) DT, VM 1. */
    public static final int AcquisitionDateTime = 0x0008002A;
    /** (0008,0030) TM, VM 1. */
    public static final int StudyTime = 0x00080030;
    /** (0008,0031) TM, VM 1. */
    public static final int SeriesTime = 0x00080031;
    /** (0008,0032) TM, VM 1. */
    public static final int AcquisitionTime = 0x00080032;
    /** (0008,0033) TM, VM 1. */
    public static final int ContentTime = 0x00080033;
    /** (0008,0050) SH, VM 1. */
    public static final int AccessionNumber = 0x00080050;
    /** (0008,0060) CS, VM 1. */
    public static final int Modality = 0x00080060;
    /** (0008,0070) LO, VM 1. */
    public static final int Manufacturer = 0x00080070;
    /** (0008,0080) LO, VM 1. */
    public static final int InstitutionName = 0x00080080;
    /** (0008,0090) PN, VM 1. */
    public static final int ReferringPhysicianName = 0x00080090;
    /** (0008,0100) SH, VM 1. */
    public static final int CodeValue = 0x00080100;
    /** (0008,0102) SH, VM 1. */
    public static final int CodingSchemeDesignator = 0x00080102;
    /** (0008,0104) LO, VM 1. */
    public static final int CodeMeaning = 0x00080104;
    /** (0008,1010) SH, VM 1. */
    public static final int StationName = 0x00081010;
    /** (0008,1030) LO, VM 1. */
    public static final int StudyDescription = 0x00081030;
    /** (0008,103E) LO, VM 1. */
    public static final int SeriesDescription = 0x0008103E;
    /** (0008,1090) LO, VM 1. */
    public static final int ManufacturerModelName = 0x00081090;
    /** (0008,1115) SQ, VM 1. */
    public static final int ReferencedSeriesSequence = 0x00081115;
    /** (0008,1140) SQ, VM 1. */
    public static final int ReferencedImageSequence = 0x00081140;
    /** (0008,1150) UI, VM 1. */
    public static final int ReferencedSOPClassUID = 0x00081150;
    /** (0008,1155) UI, VM 1. */
    public static final int ReferencedSOPInstanceUID = 0x00081155;
    /** (0008,2111) ST, VM 1. */
    public static final int DerivationDescription = 0x00082111;
    /** (0008,2112) SQ, VM 1. */
    public static final int SourceImageSequence = 0x00082112;
    /** (0008,9007) CS, VM 4. */
    public static final int FrameType = 0x00089007;
    /** (0008,9208) CS, VM 1. */
    public static final int ComplexImageComponent = 0x00089208;
    /** (0008,9209) CS, VM 1. */
    public static final int AcquisitionContrast = 0x00089209;
    /** (0010,0010) PN, VM 1. */
    public static final int PatientName = 0x00100010;
    /** (0010,0020) LO, VM 1. */
    public static final int PatientID = 0x00100020;
    /** (0010,0030) DA, VM 1. */
    public static final int PatientBirthDate = 0x00100030;
    /** (0010,0040) CS, VM 1. */
    public static final int PatientSex = 0x00100040;
    /** (0010,1010) AS, VM 1. */
    public static final int PatientAge = 0x00101010;
    /** (0010,1030) DS, VM 1. */
    public static final int PatientWeight = 0x00101030;
    /** (0018,0020) CS, VM 1-n. */
    public static final int ScanningSequence = 0x00180020;
    /** (0018,0021) CS, VM 1-n. */
    public static final int SequenceVariant = 0x00180021;
    /** (0018,0022) CS, VM 1-n. */
    public static final int ScanOptions = 0x00180022;
    /** (0018,0023) CS, VM 1. */
    public static final int MRAcquisitionType = 0x00180023;
    /** (0018,0024) SH, VM 1. */
    public static final int SequenceName = 0x00180024;
    /** (0018,0050) DS, VM 1. */
    public static final int SliceThickness = 0x00180050;
    /** (0018,0080) DS, VM 1. */
    public static final int RepetitionTime = 0x00180080;
    /** (0018,0081) DS, VM 1. */
    public static final int EchoTime = 0x00180081;
    /** (0018,0082) DS, VM 1. */
    public static final int InversionTime = 0x00180082;
    /** (0018,0083) DS, VM 1. */
    public static final int NumberOfAverages = 0x00180083;
    /** (0018,0084) DS, VM 1. */
    public static final int ImagingFrequency = 0x00180084;
    /** (0018,0085) SH, VM 1. */
    public static final int ImagedNucleus = 0x00180085;
    /** (0018,0086) IS, VM 1-n. */
    public static final int EchoNumbers = 0x00180086;
    /** (0018,0087) DS, VM 1. */
    public static final int MagneticFieldStrength = 0x00180087;
    /** (0018,0088) DS, VM 1. */
    public static final int SpacingBetweenSlices = 0x00180088;
    /** (0018,0091) IS, VM 1. */
    public static final int EchoTrainLength = 0x00180091;
    /** (0018,0095) DS, VM 1. */
    public static final int PixelBandwidth = 0x00180095;
    /** (0018,1020) LO, VM 1-n. */
    public static final int SoftwareVersions = 0x00181020;
    /** (0018,1030) LO, VM 1. */
    public static final int ProtocolName = 0x00181030;
    /** (0018,1250) SH, VM 1. */
    public static final int ReceiveCoilName = 0x00181250;
    /** (0018,1310) US, VM 4. */
    public static final int AcquisitionMatrix = 0x00181310;
    /** (0018,1312) CS, VM 1. */
    public static final int InPlanePhaseEncodingDirection = 0x00181312;
    /** (0018,1314) DS, VM 1. */
    public static final int FlipAngle = 0x00181314;
    /** (0018,5100) CS, VM 1. */
    public static final int PatientPosition = 0x00185100;
    /** (0018,9082) FD, VM 1. */
    public static final int EffectiveEchoTime = 0x00189082;
    /** (0018,9087) FD, VM 1. */
    public static final int DiffusionBValue = 0x00189087;
    /** (0018,9089) FD, VM 3. */
    public static final int DiffusionGradientOrientation = 0x00189089;
    /** (0018,9112) SQ, VM 1. */
    public static final int MRTimingAndRelatedParametersSequence = 0x00189112;
    /** (0018,9114) SQ, VM 1. */
    public static final int MREchoSequence = 0x00189114;
    /** (0018,9117) SQ, VM 1. */
    public static final int MRDiffusionSequence = 0x00189117;
    /** (0018,9226) SQ, VM 1. */
    public static final int MRImageFrameTypeSequence = 0x00189226;
    /** (0019,100A) US, VM 1. */
    public static final int SiemensNumberOfImagesInMosaic = 0x0019100A;
    /** (0019,100C) IS, VM 1. */
    public static final int SiemensBValue = 0x0019100C;
    /** (0019,100E) FD, VM 3. */
    public static final int SiemensDiffusionGradientDirection = 0x0019100E;
    /** (0019,1028) FD, VM 1. */
    public static final int SiemensBandwidthPerPixelPhaseEncode = 0x00191028;
    /** (0019,1029) FD, VM 1-n. */
    public static final int SiemensMosaicRefAcqTimes = 0x00191029;
    /** (0019,10BB) DS, VM 1. */
    public static final int GEDiffusionGradientX = 0x001910BB;
    /** (0019,10BC) DS, VM 1. */
    public static final int GEDiffusionGradientY = 0x001910BC;
    /** (0019,10BD) DS, VM 1. */
    public static final int GEDiffusionGradientZ = 0x001910BD;
    /** (0020,000D) UI, VM 1. */
    public static final int StudyInstanceUID = 0x0020000D;
    /** (0020,000E) UI, VM 1. */
    public static final int SeriesInstanceUID = 0x0020000E;
    /** (0020,0010) SH, VM 1. */
    public static final int StudyID = 0x00200010;
    /** (0020,0011) IS, VM 1. */
    public static final int SeriesNumber = 0x00200011;
    /** (0020,0012) IS, VM 1. */
    public static final int AcquisitionNumber = 0x00200012;
    /** (0020,0013) IS, VM 1. */
    public static final int InstanceNumber = 0x00200013;
    /** (0020,0032) DS, VM 3. */
    public static final int ImagePositionPatient = 0x00200032;
    /** (0020,0037) DS, VM 6. */
    public static final int ImageOrientationPatient = 0x00200037;
    /** (0020,0052) UI, VM 1. */
    public static final int FrameOfReferenceUID = 0x00200052;
    /** (0020,0100) IS, VM 1. */
    public static final int TemporalPositionIdentifier = 0x00200100;
    /** (0020,0105) IS, VM 1. */
    public static final int NumberOfTemporalPositions = 0x00200105;
    /** (0020,1002) IS, VM 1. */
    public static final int ImagesInAcquisition = 0x00201002;
    /** (0020,1041) DS, VM 1. */
    public static final int SliceLocation = 0x00201041;
    /** (0020,9056) SH, VM 1. */
    public static final int StackID = 0x00209056;
    /** (0020,9057) UL, VM 1. */
    public static final int InStackPositionNumber = 0x00209057;
    /** (0020,9111) SQ, VM 1. */
    public static final int FrameContentSequence = 0x00209111;
    /** (0020,9113) SQ, VM 1. */
    public static final int PlanePositionSequence = 0x00209113;
    /** (0020,9116) SQ, VM 1. */
    public static final int PlaneOrientationSequence = 0x00209116;
    /** (0020,9128) UL, VM 1. */
    public static final int TemporalPositionIndex = 0x00209128;
    /** (0020,9157) UL, VM 1-n. */
    public static final int DimensionIndexValues = 0x00209157;
    /** (0020,9165) AT, VM 1. */
    public static final int DimensionIndexPointer = 0x00209165;
    /** (0020,9167) AT, VM 1. */
    public static final int FunctionalGroupPointer = 0x00209167;
    /** (0020,9222) SQ, VM 1. */
    public static final int DimensionIndexSequence = 0x00209222;
    /** (0028,0002) US, VM 1. */
    public static final int SamplesPerPixel = 0x00280002;
    /** (0028,0004) CS, VM 1. */
    public static final int PhotometricInterpretation = 0x00280004;
    /** (0028,0006) US, VM 1. */
    public static final int PlanarConfiguration = 0x00280006;
    /** (0028,0008) IS, VM 1. */
    public static final int NumberOfFrames = 0x00280008;
    /** (0028,0010) US, VM 1. */
    public static final int Rows = 0x00280010;
    /** (0028,0011) US, VM 1. */
    public static final int Columns = 0x00280011;
    /** (0028,0030) DS, VM 2. */
    public static final int PixelSpacing = 0x00280030;
    /** (0028,0100) US, VM 1. */
    public static final int BitsAllocated = 0x00280100;
    /** (0028,0101) US, VM 1. */
    public static final int BitsStored = 0x00280101;
    /** (0028,0102) US, VM 1. */
    public static final int HighBit = 0x00280102;
    /** (0028,0103) US, VM 1. */
    public static final int PixelRepresentation = 0x00280103;
    /** (0028,0106) US or SS, VM 1. */
    public static final int SmallestImagePixelValue = 0x00280106;
    /** (0028,0107) US or SS, VM 1. */
    public static final int LargestImagePixelValue = 0x00280107;
    /** (0028,1050) DS, VM 1-n. */
    public static final int WindowCenter = 0x00281050;
    /** (0028,1051) DS, VM 1-n. */
    public static final int WindowWidth = 0x00281051;
    /** (0028,1052) DS, VM 1. */
    public static final int RescaleIntercept = 0x00281052;
    /** (0028,1053) DS, VM 1. */
    public static final int RescaleSlope = 0x00281053;
    /** (0028,1054) LO, VM 1. */
    public static final int RescaleType = 0x00281054;
    /** (0028,2110) CS, VM 1. */
    public static final int LossyImageCompression = 0x00282110;
    /** (0028,3003) LO, VM 1. */
    public static final int LUTExplanation = 0x00283003;
    /** (0028,9110) SQ, VM 1. */
    public static final int PixelMeasuresSequence = 0x00289110;
    /** (0028,9145) SQ, VM 1. */
    public static final int PixelValueTransformationSequence = 0x00289145;
    /** (0029,1008) CS, VM 1. */
    public static final int SiemensCSAImageHeaderType = 0x00291008;
    /** (0029,1010) OB, VM 1. */
    public static final int SiemensCSAImageHeaderInfo = 0x00291010;
    /** (0029,1018) CS, VM 1. */
    public static final int SiemensCSASeriesHeaderType = 0x00291018;
    /** (0029,1020) OB, VM 1. */
    public static final int SiemensCSASeriesHeaderInfo = 0x00291020;
    /** (0040,08EA) SQ, VM 1. */
    public static final int MeasurementUnitsCodeSequence = 0x004008EA;
    /** (0040,9096) SQ, VM 1. */
    public static final int RealWorldValueMappingSequence = 0x00409096;
    /** (0040,9210) SH, VM 1. */
    public static final int LUTLabel = 0x00409210;
    /** (0040,9211) US, VM 1. */
    public static final int RealWorldValueLastValueMapped = 0x00409211;
    /** (0040,9213) FD, VM 1. */
    public static final int DoubleFloatRealWorldValueLastValueMapped = 0x00409213;
    /** (0040,9214) FD, VM 1. */
    public static final int DoubleFloatRealWorldValueFirstValueMapped = 0x00409214;
    /** (0040,9216) US, VM 1. */
    public static final int RealWorldValueFirstValueMapped = 0x00409216;
    /** (0040,9224) FD, VM 1. */
    public static final int RealWorldValueIntercept = 0x00409224;
    /** (0040,9225) FD, VM 1. */
    public static final int RealWorldValueSlope = 0x00409225;
    /** (0043,102F) SS, VM 1. */
    public static final int GEImageType = 0x0043102F;
    /** (0043,1039) IS, VM 4. */
    public static final int GESlopInt6To9 = 0x00431039;
    /** (2005,100D) FL, VM 1. */
    public static final int PhilipsScaleIntercept = 0x2005100D;
    /** (2005,100E) FL, VM 1. */
    public static final int PhilipsScaleSlope = 0x2005100E;
    /** (2005,140F) SQ, VM 1. */
    public static final int PhilipsPrivatePerFrameSequence = 0x2005140F;
    /** (5200,9229) SQ, VM 1. */
    public static final int SharedFunctionalGroupsSequence = 0x52009229;
    /** (5200,9230) SQ, VM 1. */
    public static final int PerFrameFunctionalGroupsSequence = 0x52009230;
    /** (7FE0,0001) OV, VM 1. */
    public static final int ExtendedOffsetTable = 0x7FE00001;
    /** (7FE0,0002) OV, VM 1. */
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    /** (7FE0,0008) OF, VM 1. */
    public static final int FloatPixelData = 0x7FE00008;
    /** (7FE0,0009) OD, VM 1. */
    public static final int DoubleFloatPixelData = 0x7FE00009;
    /** (7FE0,0010) OW, VM 1. */
    public static final int PixelData = 0x7FE00010;

    /** (FFFE,E000) Item: starts a sequence item or an encapsulated fragment (PS3.5 §7.5, §A.4); no VR. */
    public static final int Item = 0xFFFEE000;
    /** (FFFE,E00D) Item Delimitation Item: ends an item of undefined length (PS3.5 §7.5.2). */
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    /** (FFFE,E0DD) Sequence Delimitation Item: ends a sequence or encapsulated pixel data of undefined length (PS3.5 §7.5.2, §A.4). */
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    /**
     * The dictionary, one attribute per line: tag, VR, VM, keyword (PS3.6 Table 6-1 columns). Kept as data
     * so that adding an attribute is one line here plus its constant above; a test checks the two agree.
     */
    private static final String DICTIONARY =
            """
            0002,0000 UL 1 FileMetaInformationGroupLength
            0002,0001 OB 1 FileMetaInformationVersion
            0002,0002 UI 1 MediaStorageSOPClassUID
            0002,0003 UI 1 MediaStorageSOPInstanceUID
            0002,0010 UI 1 TransferSyntaxUID
            0002,0012 UI 1 ImplementationClassUID
            0002,0013 SH 1 ImplementationVersionName
            0002,0016 AE 1 SourceApplicationEntityTitle
            0008,0005 CS 1-n SpecificCharacterSet
            0008,0008 CS 2-n ImageType
            0008,0016 UI 1 SOPClassUID
            0008,0018 UI 1 SOPInstanceUID
            0008,0020 DA 1 StudyDate
            0008,0021 DA 1 SeriesDate
            0008,0022 DA 1 AcquisitionDate
            0008,0023 DA 1 ContentDate
            0008,002A DT 1 AcquisitionDateTime
            0008,0030 TM 1 StudyTime
            0008,0031 TM 1 SeriesTime
            0008,0032 TM 1 AcquisitionTime
            0008,0033 TM 1 ContentTime
            0008,0050 SH 1 AccessionNumber
            0008,0060 CS 1 Modality
            0008,0070 LO 1 Manufacturer
            0008,0080 LO 1 InstitutionName
            0008,0090 PN 1 ReferringPhysicianName
            0008,0100 SH 1 CodeValue
            0008,0102 SH 1 CodingSchemeDesignator
            0008,0104 LO 1 CodeMeaning
            0008,1010 SH 1 StationName
            0008,1030 LO 1 StudyDescription
            0008,103E LO 1 SeriesDescription
            0008,1090 LO 1 ManufacturerModelName
            0008,1115 SQ 1 ReferencedSeriesSequence
            0008,1140 SQ 1 ReferencedImageSequence
            0008,1150 UI 1 ReferencedSOPClassUID
            0008,1155 UI 1 ReferencedSOPInstanceUID
            0008,2111 ST 1 DerivationDescription
            0008,2112 SQ 1 SourceImageSequence
            0008,9007 CS 4 FrameType
            0008,9208 CS 1 ComplexImageComponent
            0008,9209 CS 1 AcquisitionContrast
            0010,0010 PN 1 PatientName
            0010,0020 LO 1 PatientID
            0010,0030 DA 1 PatientBirthDate
            0010,0040 CS 1 PatientSex
            0010,1010 AS 1 PatientAge
            0010,1030 DS 1 PatientWeight
            0018,0020 CS 1-n ScanningSequence
            0018,0021 CS 1-n SequenceVariant
            0018,0022 CS 1-n ScanOptions
            0018,0023 CS 1 MRAcquisitionType
            0018,0024 SH 1 SequenceName
            0018,0050 DS 1 SliceThickness
            0018,0080 DS 1 RepetitionTime
            0018,0081 DS 1 EchoTime
            0018,0082 DS 1 InversionTime
            0018,0083 DS 1 NumberOfAverages
            0018,0084 DS 1 ImagingFrequency
            0018,0085 SH 1 ImagedNucleus
            0018,0086 IS 1-n EchoNumbers
            0018,0087 DS 1 MagneticFieldStrength
            0018,0088 DS 1 SpacingBetweenSlices
            0018,0091 IS 1 EchoTrainLength
            0018,0095 DS 1 PixelBandwidth
            0018,1020 LO 1-n SoftwareVersions
            0018,1030 LO 1 ProtocolName
            0018,1250 SH 1 ReceiveCoilName
            0018,1310 US 4 AcquisitionMatrix
            0018,1312 CS 1 InPlanePhaseEncodingDirection
            0018,1314 DS 1 FlipAngle
            0018,5100 CS 1 PatientPosition
            0018,9082 FD 1 EffectiveEchoTime
            0018,9087 FD 1 DiffusionBValue
            0018,9089 FD 3 DiffusionGradientOrientation
            0018,9112 SQ 1 MRTimingAndRelatedParametersSequence
            0018,9114 SQ 1 MREchoSequence
            0018,9117 SQ 1 MRDiffusionSequence
            0018,9226 SQ 1 MRImageFrameTypeSequence
            0019,100A US 1 SiemensNumberOfImagesInMosaic
            0019,100C IS 1 SiemensBValue
            0019,100E FD 3 SiemensDiffusionGradientDirection
            0019,1028 FD 1 SiemensBandwidthPerPixelPhaseEncode
            0019,1029 FD 1-n SiemensMosaicRefAcqTimes
            0019,10BB DS 1 GEDiffusionGradientX
            0019,10BC DS 1 GEDiffusionGradientY
            0019,10BD DS 1 GEDiffusionGradientZ
            0020,000D UI 1 StudyInstanceUID
            0020,000E UI 1 SeriesInstanceUID
            0020,0010 SH 1 StudyID
            0020,0011 IS 1 SeriesNumber
            0020,0012 IS 1 AcquisitionNumber
            0020,0013 IS 1 InstanceNumber
            0020,0032 DS 3 ImagePositionPatient
            0020,0037 DS 6 ImageOrientationPatient
            0020,0052 UI 1 FrameOfReferenceUID
            0020,0100 IS 1 TemporalPositionIdentifier
            0020,0105 IS 1 NumberOfTemporalPositions
            0020,1002 IS 1 ImagesInAcquisition
            0020,1041 DS 1 SliceLocation
            0020,9056 SH 1 StackID
            0020,9057 UL 1 InStackPositionNumber
            0020,9111 SQ 1 FrameContentSequence
            0020,9113 SQ 1 PlanePositionSequence
            0020,9116 SQ 1 PlaneOrientationSequence
            0020,9128 UL 1 TemporalPositionIndex
            0020,9157 UL 1-n DimensionIndexValues
            0020,9165 AT 1 DimensionIndexPointer
            0020,9167 AT 1 FunctionalGroupPointer
            0020,9222 SQ 1 DimensionIndexSequence
            0028,0002 US 1 SamplesPerPixel
            0028,0004 CS 1 PhotometricInterpretation
            0028,0006 US 1 PlanarConfiguration
            0028,0008 IS 1 NumberOfFrames
            0028,0010 US 1 Rows
            0028,0011 US 1 Columns
            0028,0030 DS 2 PixelSpacing
            0028,0100 US 1 BitsAllocated
            0028,0101 US 1 BitsStored
            0028,0102 US 1 HighBit
            0028,0103 US 1 PixelRepresentation
            0028,0106 US 1 SmallestImagePixelValue
            0028,0107 US 1 LargestImagePixelValue
            0028,1050 DS 1-n WindowCenter
            0028,1051 DS 1-n WindowWidth
            0028,1052 DS 1 RescaleIntercept
            0028,1053 DS 1 RescaleSlope
            0028,1054 LO 1 RescaleType
            0028,2110 CS 1 LossyImageCompression
            0028,3003 LO 1 LUTExplanation
            0028,9110 SQ 1 PixelMeasuresSequence
            0028,9145 SQ 1 PixelValueTransformationSequence
            0029,1008 CS 1 SiemensCSAImageHeaderType
            0029,1010 OB 1 SiemensCSAImageHeaderInfo
            0029,1018 CS 1 SiemensCSASeriesHeaderType
            0029,1020 OB 1 SiemensCSASeriesHeaderInfo
            0040,08EA SQ 1 MeasurementUnitsCodeSequence
            0040,9096 SQ 1 RealWorldValueMappingSequence
            0040,9210 SH 1 LUTLabel
            0040,9211 US 1 RealWorldValueLastValueMapped
            0040,9213 FD 1 DoubleFloatRealWorldValueLastValueMapped
            0040,9214 FD 1 DoubleFloatRealWorldValueFirstValueMapped
            0040,9216 US 1 RealWorldValueFirstValueMapped
            0040,9224 FD 1 RealWorldValueIntercept
            0040,9225 FD 1 RealWorldValueSlope
            0043,102F SS 1 GEImageType
            0043,1039 IS 4 GESlopInt6To9
            2005,100D FL 1 PhilipsScaleIntercept
            2005,100E FL 1 PhilipsScaleSlope
            2005,140F SQ 1 PhilipsPrivatePerFrameSequence
            5200,9229 SQ 1 SharedFunctionalGroupsSequence
            5200,9230 SQ 1 PerFrameFunctionalGroupsSequence
            7FE0,0001 OV 1 ExtendedOffsetTable
            7FE0,0002 OV 1 ExtendedOffsetTableLengths
            7FE0,0008 OF 1 FloatPixelData
            7FE0,0009 OD 1 DoubleFloatPixelData
            7FE0,0010 OW 1 PixelData
            FFFE,E000 UN 1 Item
            FFFE,E00D UN 1 ItemDelimitationItem
            FFFE,E0DD UN 1 SequenceDelimitationItem
            """;

    private static final int[] TAGS;
    private static final Vr[] VRS;
    private static final String[] VMS;
    private static final String[] KEYWORDS;

    static {
        String[] lines = DICTIONARY.strip().split("\n");
        TAGS = new int[lines.length];
        VRS = new Vr[lines.length];
        VMS = new String[lines.length];
        KEYWORDS = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" +");
            TAGS[i] = (Integer.parseInt(f[0].substring(0, 4), 16) << 16) | Integer.parseInt(f[0].substring(5, 9), 16);
            VRS[i] = Vr.valueOf(f[1]);
            VMS[i] = f[2];
            KEYWORDS[i] = f[3];
            if (i > 0 && Integer.compareUnsigned(TAGS[i - 1], TAGS[i]) >= 0) {
                throw new ExceptionInInitializerError("Tags dictionary is not in ascending tag order at " + lines[i]);
            }
        }
    }

    private static int index(int tag) {
        int lo = 0;
        int hi = TAGS.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(TAGS[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The PS3.6 keyword of a tag in this dictionary (e.g. "EchoTime"), or empty if it is not in it. */
    public static Optional<String> keyword(int tag) {
        int i = index(tag);
        return i < 0 ? Optional.empty() : Optional.of(KEYWORDS[i]);
    }

    /**
     * The VR implicit-VR decoding uses for a tag: the dictionary's; UL for group lengths (gggg,0000), PS3.5 §7.2;
     * LO for private creators (gggg,00xx in odd groups), PS3.5 §7.8.1; otherwise UN (PS3.5 §6.2.2).
     */
    public static Vr vr(int tag) {
        int i = index(tag);
        if (i >= 0) {
            return VRS[i];
        }
        int element = tag & 0xFFFF;
        if (element == 0) {
            return Vr.UL;
        }
        if (isPrivate(tag) && element >= 0x0010 && element <= 0x00FF) {
            return Vr.LO;
        }
        return Vr.UN;
    }

    /** The value multiplicity PS3.6 gives (e.g. "1", "3", "1-n", "2-n"), or empty if the tag is not in the dictionary. */
    public static Optional<String> vm(int tag) {
        int i = index(tag);
        return i < 0 ? Optional.empty() : Optional.of(VMS[i]);
    }

    /** True for a tag in a private (odd-numbered) group, PS3.5 §7.8. */
    public static boolean isPrivate(int tag) {
        return ((tag >>> 16) & 1) == 1;
    }

    /** The tag as "(gggg,eeee)" in upper-case hex. */
    public static String hex(int tag) {
        char[] c = new char[11];
        c[0] = '(';
        c[5] = ',';
        c[10] = ')';
        for (int k = 0; k < 4; k++) {
            c[4 - k] = HEX[(tag >>> (16 + 4 * k)) & 0xF];
            c[9 - k] = HEX[(tag >>> (4 * k)) & 0xF];
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The tag for messages and dumps: "(0018,0081) EchoTime", or just "(0019,1234)" if it is not in the dictionary. */
    public static String format(int tag) {
        int i = index(tag);
        return i < 0 ? hex(tag) : hex(tag) + " " + KEYWORDS[i];
    }

    /** Every tag in the dictionary, ascending (unsigned). */
    static int[] dictionaryTags() {
        return Arrays.copyOf(TAGS, TAGS.length);
    }
}
