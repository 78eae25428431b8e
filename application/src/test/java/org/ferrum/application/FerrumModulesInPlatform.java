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
package org.ferrum.application;

import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import junit.framework.Test;
import org.ferrum.io.spi.VolumeReader;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.editor.OperatorPalette;
import org.ferrum.welcome.InstalledCapabilities;
import org.netbeans.junit.NbModuleSuite;
import org.netbeans.junit.NbTestCase;
import org.openide.modules.ModuleInfo;
import org.openide.util.Lookup;

/**
 * Boots the assembled application's module system headless (all clusters of application/target/ferrum)
 * and checks that Ferrum is wired together: every Ferrum module is enabled, nothing logs SEVERE, and a
 * service registered with {@code @ServiceProvider} in one module is found from another.
 *
 * <p>NbModuleSuite is JUnit 3 based and fills its suite only when it runs, which the JUnit Platform's
 * vintage engine prunes as empty; {@link PlatformSmokeTest} runs it from JUnit 5 instead.
 */
public class FerrumModulesInPlatform extends NbTestCase {

    /** Every module the application must ship, by code name base. */
    static final String[] FERRUM_MODULES = {
        "org.ferrum.branding",
        "org.ferrum.libs.imglib2",
        "org.ferrum.libs.jtransforms",
        "org.ferrum.libs.jfreechart",
        "org.ferrum.libs.jackson",
        "org.ferrum.core",
        "org.ferrum.io",
        "org.ferrum.dicom",
        "org.ferrum.pipeline",
        "org.ferrum.qsm",
        "org.ferrum.cli",
        "org.ferrum.welcome",
        "org.ferrum.dicom.ui"
    };

    public FerrumModulesInPlatform(String name) {
        super(name);
    }

    public static Test suite() {
        return NbModuleSuite.createConfiguration(FerrumModulesInPlatform.class)
                .clusters(".*")
                .enableModules(".*")
                .gui(false)
                .failOnMessage(Level.SEVERE)
                .failOnException(Level.INFO)
                .suite();
    }

    public void testEveryFerrumModuleIsEnabled() {
        List<String> missing = new ArrayList<>();
        for (String cnb : FERRUM_MODULES) {
            ModuleInfo found = null;
            for (ModuleInfo m : Lookup.getDefault().lookupAll(ModuleInfo.class)) {
                if (m.getCodeNameBase().equals(cnb)) {
                    found = m;
                }
            }
            if (found == null || !found.isEnabled()) {
                missing.add(cnb + (found == null ? " (not installed)" : " (installed, not enabled)"));
            }
        }
        assertTrue("Ferrum modules missing or disabled: " + missing, missing.isEmpty());
    }

    /**
     * The NIfTI reader is registered with {@code @ServiceProvider} in org.ferrum.io; the welcome module
     * (org.ferrum.welcome) finds it through the global Lookup, across module class loaders.
     */
    public void testServiceRegisteredInOneModuleIsFoundFromAnother() {
        assertTrue(
                "welcome module does not see io's NIfTI reader: " + InstalledCapabilities.readableFormats(),
                InstalledCapabilities.readableFormats().contains("NIfTI"));
        VolumeReader reader = Lookup.getDefault().lookup(VolumeReader.class);
        assertNotNull("no VolumeReader in the global Lookup", reader);
        ClassLoader ioLoader = reader.getClass().getClassLoader();
        ClassLoader welcomeLoader = InstalledCapabilities.class.getClassLoader();
        assertNotSame("io and welcome should load through their own module class loaders", ioLoader, welcomeLoader);
    }

    /**
     * DICOM lives in its own module (issue 16) and plugs into io's SPI: its volume reader and its series reader/writer
     * are found through the global Lookup, as io.read.gre and the viewer's Export as DICOM… find them.
     */
    public void testDicomPlugsIntoIoThroughLookup() {
        assertTrue(
                "no DICOM volume reader: " + org.ferrum.io.VolumeFiles.readers(),
                org.ferrum.io.VolumeFiles.readers().stream()
                        .anyMatch(r -> r.formatName().equals("DICOM")));
        assertTrue("no series reader", org.ferrum.io.SeriesFiles.reader().isPresent());
        assertTrue("no series writer", org.ferrum.io.SeriesFiles.writer().isPresent());
    }

    /**
     * The study window's chart warm-up runs in org.ferrum.study.ui's own class loader, which must reach JFreeChart
     * through a declared dependency (it logged a SEVERE NoClassDefFoundError of org.jfree.chart.JFreeChart at every
     * start, and the demo cohort was never opened after it).
     */
    public void testStudyWindowChartWarmUpFindsJFreeChart() throws Exception {
        ClassLoader modules = Lookup.getDefault().lookup(ClassLoader.class);
        java.lang.reflect.Method warmUp = Class.forName("org.ferrum.study.ui.DemoWorkspace", true, modules)
                .getDeclaredMethod("warmUpCharts");
        warmUp.setAccessible(true);
        try {
            warmUp.invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("chart warm-up failed in the application: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The pipeline editor's palette lists every operator that any module registers (it is built on
     * {@link OperatorRegistry#installed()}: the global Lookup across module class loaders). With
     * {@code -Dferrum.expectOperators=ID,ID} (as {@code tools/check-template} runs it for a module made from the
     * template) those operators must be in the palette too.
     */
    public void testEveryInstalledOperatorIsInThePalette() throws Exception {
        OperatorRegistry registry = OperatorRegistry.installed();
        List<String> expected = new ArrayList<>(
                registry.all().stream().map(op -> op.descriptor().id()).toList());
        String named = System.getProperty("ferrum.expectOperators", "").trim();
        if (!named.isEmpty()) {
            expected.addAll(Arrays.asList(named.split("\\s*,\\s*")));
        }
        List<String> palette = new ArrayList<>();
        EventQueue.invokeAndWait(() -> palette.addAll(new OperatorPalette(registry).visibleOperatorIds()));
        List<String> missing =
                expected.stream().filter(id -> !palette.contains(id)).distinct().toList();
        assertTrue("operators missing from the palette: " + missing + " (palette: " + palette + ")", missing.isEmpty());
        assertTrue("the palette is empty", !palette.isEmpty());
    }
}
