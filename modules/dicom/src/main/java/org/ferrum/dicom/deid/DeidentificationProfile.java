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

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DICOM PS3.15 Annex E Table E.1-1 (Application Level Confidentiality Profile Attributes) as data: for every listed
 * attribute, its action under the Basic Profile and under each option; plus the safe private attributes (Table
 * E.3.10-1 and our vendor whitelist for quantitative MRI).
 *
 * <p>Action codes (PS3.15 E.3.1 / Table E.1-1 legend): D replace with a non-zero-length dummy value consistent with
 * the VR; Z replace with zero length or a dummy; X remove; K keep; C clean (replace with values of similar meaning
 * known not to contain identifying information); U replace UIDs with non-zero-length UIDs, consistent within the set
 * of instances; compounds {@code Z/D}, {@code X/Z}, {@code X/D}, {@code X/Z/D}, {@code X/Z/U*} choose by the
 * attribute's type in the IOD.
 *
 * <p>(API fixed by the lead for issue 19; the body and data files are written by helper {@code profile}.)
 */
public final class DeidentificationProfile {

    /**
     * One row of Table E.1-1.
     *
     * @param tagPattern {@code (gggg,eeee)} with lower-case {@code x} for any hex digit, as printed in the standard
     * @param name       attribute name as printed
     * @param basic      action under the Basic Profile (e.g. {@code X}, {@code Z/D}, {@code U})
     * @param byOption   the option columns' entries where the standard gives one (e.g. RETAIN_UIDS → {@code K})
     */
    public record Rule(
            String tagPattern, String name, String basic, java.util.Map<DeidentificationOption, String> byOption) {}

    private DeidentificationProfile() {}

    /** The profile shipped with Ferrum (resources {@code ps3.15-table-e.1-1.tsv}, {@code safe-private.tsv}). */
    public static DeidentificationProfile standard() {
        throw new UnsupportedOperationException("being written by helper 'profile'");
    }

    /** Every rule, in the standard's order. */
    public List<Rule> rules() {
        throw new UnsupportedOperationException("being written by helper 'profile'");
    }

    /**
     * The rule for a public attribute (exact tag first, then the most specific pattern), if Table E.1-1 lists it.
     * Private attributes (odd group) are not in the table: see {@link #isSafePrivate}.
     */
    public Optional<Rule> rule(int tag) {
        throw new UnsupportedOperationException("being written by helper 'profile'");
    }

    /**
     * The action to apply to a listed attribute under the given options: the first option column (in the standard's
     * column order) that has an entry and whose option is chosen, else the Basic Profile action. With both
     * {@link DeidentificationOption#RETAIN_FULL_DATES} and {@link DeidentificationOption#RETAIN_MODIFIED_DATES}
     * chosen the call is refused ({@link IllegalArgumentException}).
     */
    public String action(Rule rule, Set<DeidentificationOption> options) {
        throw new UnsupportedOperationException("being written by helper 'profile'");
    }

    /**
     * True if the private attribute {@code tag} (odd group; element {@code xxEE} within the block reserved by
     * {@code privateCreator}) is on the safe list, kept under {@link DeidentificationOption#RETAIN_SAFE_PRIVATE}.
     *
     * @param privateCreator the Private Creator value reserving the block, trimmed (e.g. {@code SIEMENS MR HEADER})
     */
    public boolean isSafePrivate(String privateCreator, int tag) {
        throw new UnsupportedOperationException("being written by helper 'profile'");
    }
}
