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
package org.ferrum.core.fit;

/**
 * Information criteria for choosing between least-squares models fitted to the same n samples with Gaussian errors of
 * unknown variance.
 *
 * <p>AIC = n ln(SSE/n) + 2k (Akaike H, IEEE Trans Autom Control 1974;19:716–723, in its least-squares form: Burnham KP,
 * Anderson DR, Model Selection and Multimodel Inference, 2nd ed. 2002, §2.2) and the small-sample form AICc = AIC +
 * 2k(k+1)/(n − k − 1) (Hurvich CM, Tsai CL, Biometrika 1989;76:297–307), with k the number of fitted parameters
 * (conventionally +1 for the variance; the constant cancels when models are compared, and is not added here). Lower
 * is better; only differences between models on the same data mean anything.
 */
public final class InformationCriteria {

    private InformationCriteria() {}

    /** AIC of a fit with {@code k} parameters and residual sum of squares {@code sse} over {@code n} samples. */
    public static double aic(int n, int k, double sse) {
        if (n <= 0 || !(sse >= 0)) {
            return Double.NaN;
        }
        // A perfect fit (sse = 0) has AIC −∞; floor the SSE so that models remain comparable.
        double s = Math.max(sse, Double.MIN_NORMAL);
        return n * Math.log(s / n) + 2.0 * k;
    }

    /** AICc; NaN when n ≤ k + 1 (the correction is undefined). */
    public static double aicc(int n, int k, double sse) {
        if (n - k - 1 <= 0) {
            return Double.NaN;
        }
        return aic(n, k, sse) + 2.0 * k * (k + 1) / (n - k - 1);
    }
}
