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
package org.ferrum.pipeline.api;

import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;

/**
 * The port types every module can rely on. Algorithm modules refine these (e.g. a field map is a
 * volume) with {@link PortType#refining}.
 *
 * <p>Value conventions, checked by {@link PortType#accepts} before an operator runs: a {@link #VOLUME} is a
 * {@code Volume<FloatType>} with its unit; a {@link #COMPLEX_VOLUME} a {@code Volume<ComplexFloatType>}; a
 * {@link #MASK} a real volume whose voxels are 0 (outside) or 1 (inside); a {@link #LABEL_MAP} a real volume of
 * non-negative whole numbers, 0 = background; a {@link #SCALAR} a {@link Scalar}. A real volume never reaches a
 * complex input and the other way round: the validator refuses the edge.
 */
public final class PortTypes {

    /** A real-valued 3-D or 4-D volume in a physical unit. */
    public static final PortType<Volume<FloatType>> VOLUME = PortType.constrained(
            "volume",
            "Volume",
            Volume.class,
            (Volume<FloatType> v) -> v.pixelType() instanceof FloatType,
            "real (float) voxels");
    /** A complex-valued volume (e.g. the complex multi-echo signal). */
    public static final PortType<Volume<ComplexFloatType>> COMPLEX_VOLUME = PortType.constrained(
            "complex-volume",
            "Complex volume",
            Volume.class,
            (Volume<ComplexFloatType> v) -> v.pixelType() instanceof ComplexFloatType,
            "complex (float pairs) voxels");
    /** A binary mask: 1 inside, 0 outside. A mask can feed any volume input. */
    public static final PortType<Volume<FloatType>> MASK = PortType.refining(VOLUME, "mask", "Mask", VOLUME.javaType());
    /** Integer labels per voxel (0 = background), e.g. deep grey nuclei or liver segments. */
    public static final PortType<Volume<FloatType>> LABEL_MAP =
            PortType.refining(VOLUME, "label-map", "Label map", VOLUME.javaType());
    /** Multi-echo gradient-echo magnitude (+ phase) with echo times and field strength. */
    public static final PortType<MultiEchoGre> MULTI_ECHO_GRE =
            PortType.of("multi-echo-gre", "Multi-echo GRE", MultiEchoGre.class);
    /** A table of results with units per column. */
    public static final PortType<Table> TABLE = PortType.of("table", "Table", Table.class);
    /** One number with its unit. */
    public static final PortType<Scalar> SCALAR = PortType.of("scalar", "Scalar", Scalar.class);

    private PortTypes() {}
}
