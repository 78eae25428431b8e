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
package org.ferrum.batch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * The Spark settings of a cohort run.
 *
 * <ul>
 * <li>No web UI ({@code spark.ui.enabled=false}): a batch run opens no server port; on a local master the driver
 *     binds to the loopback address only.</li>
 * <li>{@code local-cluster[W,C,MB]} starts W executor JVMs on this machine, as a real cluster would: their class path
 *     is Spark's {@code SPARK_HOME/jars/*} plus ours ({@code spark.executor.extraClassPath}). The distribution's
 *     folder is such a {@code SPARK_HOME} ({@code bin/ferrum-batch} sets it); without one (tests, an IDE), a
 *     temporary one with an empty {@code jars/} is made and Spark's own test switch ({@code spark.testing},
 *     {@code spark.test.home}) makes its workers use it, the executors then finding every class on this JVM's class
 *     path.</li>
 * <li>Java 17 module options for executors: Spark adds its own list ({@code JavaModuleOptions}) to every executor's
 *     command line; the driver gets them from {@code bin/ferrum-batch} (or Surefire's argLine).</li>
 * </ul>
 */
final class SparkSetup {

    private SparkSetup() {}

    static SparkConf conf(BatchOptions options, String pipelineName) {
        SparkConf conf = new SparkConf()
                .setAppName("ferrum-batch: " + pipelineName)
                .setMaster(options.master())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (options.master().startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (options.master().startsWith("local-cluster")) {
            conf.set("spark.executor.extraClassPath", classPath());
            conf.set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
            if (!hasSparkHome()) {
                System.setProperty("spark.testing", "true");
                System.setProperty("spark.test.home", temporarySparkHome().toString());
            }
        }
        options.conf().forEach(conf::set);
        return conf;
    }

    /** This JVM's class path (Surefire's real one when it starts tests through a manifest-only jar). */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static boolean hasSparkHome() {
        String home = System.getenv("SPARK_HOME");
        return home != null && Files.isDirectory(Path.of(home, "jars"));
    }

    private static Path temporarySparkHome() {
        try {
            Path home = Files.createTempDirectory("ferrum-spark-home");
            Files.createDirectories(home.resolve("jars"));
            // Spark's launcher asks for the Scala version of a source build when SPARK_SCALA_VERSION is not set.
            Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
            home.toFile().deleteOnExit();
            for (File f : new File[] {
                home.resolve("launcher/target/scala-2.13").toFile(),
                home.resolve("launcher/target").toFile(),
                home.resolve("launcher").toFile(),
                home.resolve("jars").toFile()
            }) {
                f.deleteOnExit();
            }
            return home;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make a SPARK_HOME for local-cluster: " + e.getMessage(), e);
        }
    }
}
