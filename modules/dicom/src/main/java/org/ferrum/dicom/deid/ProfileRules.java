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
package org.ferrum.dicom.deid;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the de-identifier needs from Table E.1-1 for one choice of options: the action for a listed public attribute
 * (possibly compound, e.g. {@code X/Z/D}; the option columns already applied) and whether a private attribute is
 * safe. {@link #of} reads them from a {@link DeidentificationProfile}; tests may supply a smaller table.
 */
interface ProfileRules {

    /** A listed attribute: its name as the standard prints it and its action under the chosen options. */
    record Listed(String name, String action) {}

    /** The entry for a public attribute, if Table E.1-1 lists it (exact tag or pattern such as (50xx,xxxx)). */
    Optional<Listed> listed(int tag);

    /** True if the private attribute {@code tag} reserved by {@code privateCreator} is on the safe list. */
    boolean isSafePrivate(String privateCreator, int tag);

    static ProfileRules of(DeidentificationProfile profile, Set<DeidentificationOption> options) {
        Set<DeidentificationOption> chosen =
                options.isEmpty() ? EnumSet.noneOf(DeidentificationOption.class) : EnumSet.copyOf(options);
        return new ProfileRules() {
            @Override
            public Optional<Listed> listed(int tag) {
                return profile.rule(tag).map(r -> new Listed(r.name(), profile.action(r, chosen)));
            }

            @Override
            public boolean isSafePrivate(String privateCreator, int tag) {
                return profile.isSafePrivate(privateCreator, tag);
            }
        };
    }
}
