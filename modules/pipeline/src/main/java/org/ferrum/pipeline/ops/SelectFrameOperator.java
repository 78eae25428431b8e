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
package org.ferrum.pipeline.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * One 3-D frame (an echo or a time point) of a 4-D volume, with the same geometry and unit. A 3-D
 * volume is its own frame 1.
 */
@ServiceProvider(service = Operator.class)
public final class SelectFrameOperator implements Operator {

    static final String ID = "volume.frame";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "A 3-D or 4-D volume");
    public static final Parameter<Long> FRAME_NUMBER =
            Parameter.integer("frame", 1, 1L, null, "Frame number along the 4th dimension, 1 for the first");
    public static final Port<Volume<FloatType>> FRAME =
            Port.output("frame", PortTypes.VOLUME, "That frame as a 3-D volume, same geometry and unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Select frame")
            .category(Categories.VOLUME)
            .description(
                    "One 3-D frame (echo or time point, 1 = first) of a 4-D volume; a 3-D volume is its own frame 1.")
            .input(VOLUME)
            .parameter(FRAME_NUMBER)
            .output(FRAME)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        long frame = context.get(FRAME_NUMBER);
        if (frame > volume.frames()) {
            throw OperatorException.badInput(
                    "parameter 'frame' = " + frame + ", but input 'volume' (" + SharedGrid.size(volume) + ") has "
                            + volume.frames() + (volume.frames() == 1 ? " frame" : " frames"));
        }
        context.progress(0, "copying frame " + frame);
        Volume<FloatType> copy = Volumes.copyFloat(volume.frame((int) frame - 1));
        context.output(FRAME, copy);
        context.progress(1, "frame " + frame);
    }
}
