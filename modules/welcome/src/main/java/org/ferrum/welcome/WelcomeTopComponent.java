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
package org.ferrum.welcome;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.JButton;
import javax.swing.JEditorPane;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.text.html.HTMLEditorKit;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.util.NbBundle.Messages;
import org.openide.windows.TopComponent;

/**
 * The window Ferrum opens on: what it is for and what the installed modules can do.
 */
@TopComponent.Description(
        preferredID = "FerrumWelcomeTopComponent",
        iconBase = "org/ferrum/welcome/ferrum16.png",
        persistenceType = TopComponent.PERSISTENCE_ONLY_OPENED)
@TopComponent.Registration(mode = "editor", openAtStartup = true)
@ActionID(category = "Window", id = "org.ferrum.welcome.WelcomeTopComponent")
@ActionReference(path = "Menu/Help", position = 100)
@TopComponent.OpenActionRegistration(displayName = "#CTL_WelcomeAction", preferredID = "FerrumWelcomeTopComponent")
@Messages({
    "CTL_WelcomeAction=Welcome to Ferrum",
    "CTL_WelcomeTopComponent=Welcome",
    "HINT_WelcomeTopComponent=What Ferrum is for and what it can do today"
})
public final class WelcomeTopComponent extends TopComponent {

    private final JEditorPane page = new JEditorPane();

    public WelcomeTopComponent() {
        setName(Bundle.CTL_WelcomeTopComponent());
        setToolTipText(Bundle.HINT_WelcomeTopComponent());
        setLayout(new BorderLayout());
        page.setEditable(false);
        page.setEditorKit(new HTMLEditorKit());
        page.putClientProperty(JEditorPane.HONOR_DISPLAY_PROPERTIES, Boolean.TRUE);
        add(new JScrollPane(page), BorderLayout.CENTER);
        add(sampleLinks(), BorderLayout.NORTH);
    }

    /**
     * The row of "Open sample: …" links: each opens its sample pipeline in the pipeline editor, ready to run with its
     * default inputs; a sample that is not found is said in a dialog. Buttons named {@link SamplePipelines.Sample#componentName}.
     */
    static JPanel sampleLinks() {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 10, 6));
        row.setName("welcome.samples");
        JLabel intro = new JLabel("Start with a sample pipeline (opens in the editor; Run uses its sample data):");
        row.add(intro);
        for (SamplePipelines.Sample s : SamplePipelines.ALL) {
            JButton b = new JButton(s.label());
            b.setName(s.componentName());
            b.setToolTipText("Opens testdata/pipelines/" + s.file() + " in the pipeline editor");
            b.addActionListener(e -> open(s));
            row.add(b);
        }
        return row;
    }

    /** Opens the sample in the pipeline editor (its public open method), or says why not. */
    static void open(SamplePipelines.Sample sample) {
        java.util.Optional<java.nio.file.Path> file = SamplePipelines.locate(sample);
        if (file.isPresent()) {
            org.ferrum.pipeline.editor.PipelineEditorTopComponent.open(file.get());
        } else {
            org.openide.DialogDisplayer.getDefault()
                    .notify(new org.openide.NotifyDescriptor.Message(
                            SamplePipelines.notFound(sample), org.openide.NotifyDescriptor.WARNING_MESSAGE));
        }
    }

    @Override
    protected void componentOpened() {
        // Read the modules when shown, so modules enabled later are listed too.
        page.setText(WelcomePage.html(
                InstalledCapabilities.ferrumModules(),
                InstalledCapabilities.readableFormats(),
                InstalledCapabilities.writableFormats()));
        page.setCaretPosition(0);
    }
}
