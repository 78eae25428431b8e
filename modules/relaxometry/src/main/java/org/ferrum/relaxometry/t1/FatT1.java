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
package org.ferrum.relaxometry.t1;

import java.util.Locale;

/**
 * Literature T1 of fat (subcutaneous adipose tissue), the default fat R1 of the water–fat VFA model when neither a
 * value nor a fat region is given.
 *
 * <p>Values: 288 ms at 1.5 T and 371 ms at 3.0 T, inversion recovery in the knee's subcutaneous fat (Gold GE, Han E,
 * Stainsby J, Wright G, Brittain J, Beaulieu C, "Musculoskeletal MRI at 3.0 T: relaxation times and image contrast",
 * AJR Am J Roentgenol 2004;183:343–351). Between 1.5 and 3 T the value is interpolated linearly in B0; outside that
 * range the nearest one is used and {@link #withinMeasuredRange} is false (the caller warns). Fat T1 also depends on the
 * fat's surroundings (Hu HH, Nayak KS, Magn Reson Med 2010;63:494–501: 312 ms in white adipose tissue, longer in
 * leaner mixtures), which is why a fat region of the subject's own data is preferred where one is available.
 */
public final class FatT1 {

    /** Fat T1 at 1.5 T, s. */
    public static final double AT_1_5_T = 0.288;
    /** Fat T1 at 3.0 T, s. */
    public static final double AT_3_T = 0.371;

    private FatT1() {}

    /** The literature fat T1 in s for field strength {@code tesla}; NaN when the field strength is not finite/positive. */
    public static double literature(double tesla) {
        if (!(tesla > 0) || !Double.isFinite(tesla)) {
            return Double.NaN;
        }
        if (tesla <= 1.5) {
            return AT_1_5_T;
        }
        if (tesla >= 3.0) {
            return AT_3_T;
        }
        return AT_1_5_T + (AT_3_T - AT_1_5_T) * (tesla - 1.5) / 1.5;
    }

    /** Whether {@code tesla} lies within 1.5–3 T, where the literature values were measured. */
    public static boolean withinMeasuredRange(double tesla) {
        return tesla >= 1.45 && tesla <= 3.05;
    }

    /** "fat T1 0.371 s (literature, 3 T: Gold et al. AJR 2004)". */
    public static String describeLiterature(double tesla) {
        return String.format(
                Locale.ROOT,
                "fat T1 %.3f s (literature value for %.1f T: Gold et al., AJR 2004;183:343, subcutaneous fat%s)",
                literature(tesla),
                tesla,
                withinMeasuredRange(tesla) ? "" : "; measured at 1.5 and 3 T only, nearest value used");
    }
}
