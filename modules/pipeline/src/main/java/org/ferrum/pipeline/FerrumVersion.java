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
package org.ferrum.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Ferrum release this engine belongs to, as recorded by the build in the jar. */
public final class FerrumVersion {

    private static final String VERSION = load();

    private FerrumVersion() {}

    /** E.g. {@code "0.1.0-SNAPSHOT"}, or {@code "development"} when running from unpackaged classes. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in =
                FerrumVersion.class.getResourceAsStream("/META-INF/maven/org.ferrum/ferrum-pipeline/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development");
            }
        } catch (IOException e) {
            // fall through
        }
        Package pkg = FerrumVersion.class.getPackage();
        return pkg != null && pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "development";
    }
}
