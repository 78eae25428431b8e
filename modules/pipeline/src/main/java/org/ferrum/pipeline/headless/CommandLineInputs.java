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
package org.ferrum.pipeline.headless;

import java.util.Map;

/** Parsing of {@code --input NAME=VALUE} arguments, shared by every command-line front end. */
public final class CommandLineInputs {

    private CommandLineInputs() {}

    /**
     * Adds one {@code NAME=VALUE} to {@code inputs}. The value may be empty ({@code NAME=}): that leaves an optional
     * input out (the run refuses it for a required one).
     *
     * @return null if fine, else the message to print (malformed or repeated)
     */
    public static String add(Map<String, String> inputs, String nameEqualsValue) {
        int eq = nameEqualsValue.indexOf('=');
        if (eq <= 0) {
            return "--input expects NAME=VALUE, got '" + nameEqualsValue + "'";
        }
        String name = nameEqualsValue.substring(0, eq);
        if (inputs.putIfAbsent(name, nameEqualsValue.substring(eq + 1)) != null) {
            return "--input " + name + " is given twice";
        }
        return null;
    }
}
