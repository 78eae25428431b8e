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
package org.ferrum.pipeline.editor;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.api.Parameter;

/**
 * The Run dialog's body: one row per named pipeline input (name, a text field pre-filled with the last value given in
 * this editor or else the input's default, "Browse…" for path inputs), so a run uses the values the user sets rather
 * than the defaults only. Component names (for GUI tests): field {@code runInputs.NAME}, browse button
 * {@code runInputs.NAME.browse}; the dialog's buttons are {@code runInputs.run} and {@code runInputs.cancel}.
 *
 * <p>Contract of {@link #values()}: every input's text, stripped, keyed by input name, in the pipeline's input order;
 * an empty field means "no value" and is left out (the input's default, if any, applies). {@link #problem()} names the
 * first input whose text its parameter rejects ({@link Parameter#coerce}: type, range, choices), or is empty.
 */
public final class RunInputsPanel extends JPanel {

    private final Map<String, JTextField> fields = new LinkedHashMap<>();
    private final PipelineDocument document;

    /**
     * @param document the pipeline whose inputs are asked for
     * @param last     values given before (name → value); missing names take the input's default
     */
    public RunInputsPanel(PipelineDocument document, Map<String, String> last) {
        super(new GridBagLayout());
        this.document = document;
        setName("runInputs");
        Pipeline p = document.pipeline();
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 6, 4, 6);
        c.anchor = GridBagConstraints.WEST;
        int row = 0;
        for (Map.Entry<String, InputBinding> e : p.inputs().entrySet()) {
            String name = e.getKey();
            InputBinding b = e.getValue();
            Optional<Parameter> param = document.inputParameter(name);
            JLabel label = new JLabel(name
                    + (param.map(x -> x.unit() == null || x.unit() == org.ferrum.core.PhysicalUnit.DIMENSIONLESS
                                    ? ""
                                    : " [" + x.unit().symbol() + "]")
                            .orElse(""))
                    + (b.optional() ? " (optional)" : "")
                    + ":");
            label.setToolTipText(
                    "<html>" + PipelineScene.escape(b.description()) + "<br>sets " + PipelineScene.escape(b.node())
                            + "." + PipelineScene.escape(b.parameter())
                            + (b.defaultValue() == null ? "" : "; default " + PipelineScene.escape(b.defaultValue()))
                            + (b.optional() ? "<br>optional: leave it empty to run without this branch" : "")
                            + "</html>");
            String value = last.containsKey(name) ? last.get(name) : b.defaultValue() == null ? "" : b.defaultValue();
            JTextField field = new JTextField(value, 36);
            field.setName("runInputs." + name);
            field.setToolTipText(label.getToolTipText());
            label.setLabelFor(field);
            fields.put(name, field);
            c.gridx = 0;
            c.gridy = row;
            c.weightx = 0;
            c.fill = GridBagConstraints.NONE;
            add(label, c);
            c.gridx = 1;
            c.weightx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            add(field, c);
            if (param.map(x -> x.type() == Parameter.Type.PATH).orElse(false)) {
                JButton browse = new JButton("Browse…");
                browse.setName("runInputs." + name + ".browse");
                browse.addActionListener(a -> browse(field));
                c.gridx = 2;
                c.weightx = 0;
                c.fill = GridBagConstraints.NONE;
                add(browse, c);
            }
            row++;
            if (!b.description().isBlank()) {
                JLabel help = new JLabel(
                        "<html><body style='width:420px'>" + PipelineScene.escape(b.description()) + "</body></html>");
                help.setForeground(java.awt.Color.GRAY);
                c.gridx = 1;
                c.gridy = row++;
                c.gridwidth = 2;
                c.insets = new Insets(0, 6, 8, 6);
                add(help, c);
                c.gridwidth = 1;
                c.insets = new Insets(4, 6, 4, 6);
            }
        }
    }

    /** The text field of an input (tests). */
    JTextField field(String name) {
        return fields.get(name);
    }

    /** The values to run with (see the class contract). */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((name, f) -> {
            String v = f.getText().strip();
            if (!v.isEmpty()) {
                out.put(name, v);
            }
        });
        return out;
    }

    /** The first input value its parameter rejects, as one message naming the input; empty if all are acceptable. */
    public Optional<String> problem() {
        for (Map.Entry<String, String> e : values().entrySet()) {
            Optional<Parameter> param = document.inputParameter(e.getKey());
            if (param.isEmpty() || param.get().type() == Parameter.Type.PATH) {
                continue; // paths are checked by the run (relative to the pipeline file)
            }
            try {
                Object v = param.get().coerce(e.getValue());
                Optional<String> p = param.get().problem(v);
                if (p.isPresent()) {
                    return Optional.of("input '" + e.getKey() + "': " + p.get());
                }
            } catch (IllegalArgumentException ex) {
                return Optional.of("input '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return Optional.empty();
    }

    private void browse(JTextField field) {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        String current = field.getText().strip();
        if (!current.isEmpty()) {
            Path p = Path.of(current);
            if (!p.isAbsolute()) {
                p = document.file()
                        .map(f -> f.toAbsolutePath().getParent())
                        .orElse(Path.of(""))
                        .resolve(p);
            }
            chooser.setSelectedFile(p.normalize().toFile());
        }
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            field.setText(chooser.getSelectedFile().getAbsolutePath());
        }
    }
}
