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
package org.ferrum.pipeline.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.netbeans.api.sendopts.CommandException;
import org.netbeans.spi.sendopts.Env;
import org.netbeans.spi.sendopts.Option;
import org.netbeans.spi.sendopts.OptionProcessor;
import org.openide.util.lookup.ServiceProvider;
import org.openide.windows.WindowManager;

/**
 * {@code ferrum --open PIPELINE.json}: opens the file in the pipeline editor once the window system is up (also when
 * the application is already running: the launcher hands the option to the running instance). A missing file ends
 * with exit status 2 and one line naming it.
 */
@ServiceProvider(service = OptionProcessor.class)
public final class OpenPipelineOption extends OptionProcessor {

    private static final Option OPEN = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "open"), "org.ferrum.pipeline.editor.Bundle", "OPEN_OPTION");

    @Override
    protected Set<Option> getOptions() {
        return Set.of(OPEN);
    }

    @Override
    protected void process(Env env, Map<Option, String[]> values) throws CommandException {
        String arg = values.get(OPEN)[0];
        Path file = env.getCurrentDirectory().toPath().resolve(arg).normalize();
        if (!Files.isRegularFile(file)) {
            throw new CommandException(2, "--open: " + file + " is not a pipeline file (no such file)");
        }
        WindowManager.getDefault().invokeWhenUIReady(() -> PipelineEditorTopComponent.open(file));
    }
}
