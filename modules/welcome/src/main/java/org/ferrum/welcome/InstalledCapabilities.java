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
package org.ferrum.welcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.ferrum.io.spi.VolumeReader;
import org.ferrum.io.spi.VolumeWriter;
import org.openide.modules.ModuleInfo;
import org.openide.util.Lookup;

/**
 * What this installation of Ferrum can do today, read from the platform rather than written by hand:
 * every enabled Ferrum module with its description, and the volume formats whose readers and writers
 * are registered through Lookup (by any module). A module that registers through Lookup appears here
 * without any change to this class.
 */
public final class InstalledCapabilities {

    /** Code name bases of Ferrum's own modules start with this. */
    public static final String FERRUM_CODE_NAME_PREFIX = "org.ferrum.";

    /** One enabled Ferrum module as the user sees it. */
    public record FerrumModule(
            String codeNameBase, String displayName, String description, String specificationVersion) {}

    private InstalledCapabilities() {}

    /** Enabled Ferrum modules (libraries and branding excluded), sorted by display name. */
    public static List<FerrumModule> ferrumModules() {
        List<FerrumModule> list = new ArrayList<>();
        for (ModuleInfo m : Lookup.getDefault().lookupAll(ModuleInfo.class)) {
            String cnb = m.getCodeNameBase();
            if (!m.isEnabled()
                    || !cnb.startsWith(FERRUM_CODE_NAME_PREFIX)
                    || cnb.startsWith(FERRUM_CODE_NAME_PREFIX + "libs.")
                    || cnb.equals(FERRUM_CODE_NAME_PREFIX + "branding")) {
                continue;
            }
            Object desc = m.getLocalizedAttribute("OpenIDE-Module-Short-Description");
            list.add(new FerrumModule(
                    cnb,
                    m.getDisplayName(),
                    desc == null ? "" : desc.toString(),
                    String.valueOf(m.getSpecificationVersion())));
        }
        list.sort(Comparator.comparing(FerrumModule::displayName));
        return list;
    }

    /** Names of the formats some registered {@link VolumeReader} reads, sorted. */
    public static List<String> readableFormats() {
        TreeSet<String> names = new TreeSet<>();
        for (VolumeReader r : Lookup.getDefault().lookupAll(VolumeReader.class)) {
            names.add(r.formatName());
        }
        return List.copyOf(names);
    }

    /** Names of the formats some registered {@link VolumeWriter} writes, sorted. */
    public static List<String> writableFormats() {
        TreeSet<String> names = new TreeSet<>();
        for (VolumeWriter w : Lookup.getDefault().lookupAll(VolumeWriter.class)) {
            names.add(w.formatName());
        }
        return List.copyOf(names);
    }
}
