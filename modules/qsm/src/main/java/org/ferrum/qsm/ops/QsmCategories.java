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
package org.ferrum.qsm.ops;

/** Palette categories of the QSM operators, in the order a QSM pipeline uses them. */
public final class QsmCategories {

    public static final String MASKING = "QSM/Masking";
    public static final String UNWRAPPING = "QSM/Phase unwrapping";
    public static final String ECHO_COMBINATION = "QSM/Echo combination";
    public static final String BACKGROUND = "QSM/Background field removal";
    public static final String DIPOLE_INVERSION = "QSM/Dipole inversion";
    public static final String SWI = "QSM/SWI";
    public static final String PHANTOMS = "QSM/Phantoms";
    public static final String EVALUATION = "QSM/Evaluation";

    private QsmCategories() {}
}
