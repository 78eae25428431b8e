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
package org.ferrum.viewer;

import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.view.ResultPresenter;
import org.openide.util.lookup.ServiceProvider;

/**
 * A click on a volume output pin in the pipeline editor: the volume in a viewer window (three orthogonal planes). Takes
 * float volumes (maps, masks, label maps as the engine carries them); other results are left to other presenters.
 */
@ServiceProvider(service = ResultPresenter.class, position = 100)
public final class PipelineResultPresenter implements ResultPresenter {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Volume<?> v && v.image().firstElement() instanceof FloatType;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void present(String title, Object value) {
        String port = title.contains(" (") ? title.substring(0, title.indexOf(" (")) : title;
        ViewerTopComponent.open(title, List.of(new NamedVolume(port, (Volume<FloatType>) value)));
    }
}
