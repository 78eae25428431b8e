package org.ferrum.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Ferrum release this engine belongs to, as recorded by the build in the jar. */
public final class FerrumVersion {

    private static final String VERSION = load();

    private FerrumVersion() {
    }

    /** E.g. {@code "0.1.0-SNAPSHOT"}, or {@code "development"} when running from unpackaged classes. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = FerrumVersion.class.getResourceAsStream("/META-INF/maven/org.ferrum/ferrum-pipeline/pom.properties")) {
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
