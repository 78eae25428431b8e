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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.prefs.Preferences;
import javax.swing.JFileChooser;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.openide.util.NbPreferences;

/** Pipeline files on disk: atomic writing, and file choosers that start in the folder last used. */
final class PipelineFiles {

    private static final String LAST_FOLDER = "lastPipelineFolder";

    private PipelineFiles() {}

    static JFileChooser chooser(String title) {
        Preferences prefs = NbPreferences.forModule(PipelineFiles.class);
        JFileChooser c = new JFileChooser(prefs.get(LAST_FOLDER, System.getProperty("user.dir")));
        c.setDialogTitle(title);
        c.setFileFilter(new FileNameExtensionFilter("Ferrum pipelines (*.json)", "json"));
        return c;
    }

    /**
     * Writes a pipeline file atomically: to a temporary file beside it, then moved over it, so a failed save never
     * leaves a half-written pipeline. Returns the absolute path written.
     */
    static Path write(Pipeline pipeline, Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            PipelineFormat.write(pipeline, tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return abs;
    }

    static void remember(Path file) {
        File parent = file.toAbsolutePath().getParent().toFile();
        NbPreferences.forModule(PipelineFiles.class).put(LAST_FOLDER, parent.getPath());
    }
}
