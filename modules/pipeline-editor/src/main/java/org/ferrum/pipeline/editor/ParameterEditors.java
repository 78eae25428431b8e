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

import java.awt.Color;
import java.awt.Component;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.KeyEvent;
import java.beans.PropertyEditor;
import java.beans.PropertyEditorSupport;
import java.io.File;
import java.nio.file.Path;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.ferrum.pipeline.api.Parameter;
import org.openide.explorer.propertysheet.ExPropertyEditor;
import org.openide.explorer.propertysheet.InplaceEditor;
import org.openide.explorer.propertysheet.PropertyEnv;
import org.openide.explorer.propertysheet.PropertyModel;

/**
 * Property editors of {@link ParameterNode}'s parameters. Text typed in the sheet is converted and checked by the
 * operator's own {@link Parameter#coerce} when committed, so the sheet refuses it with the same sentence the validator
 * and the headless runner would give; numbers are also checked while they are typed ({@link CheckedField}).
 */
final class ParameterEditors {

    private ParameterEditors() {}

    /** Numbers, text and choices (a choice lists its choices as tags: the sheet shows a combo box). */
    static class TextEditor extends PropertyEditorSupport implements ExPropertyEditor {
        final Parameter<?> parameter;

        TextEditor(Parameter<?> parameter) {
            this.parameter = parameter;
        }

        @Override
        public String[] getTags() {
            return parameter.type() == Parameter.Type.CHOICE
                    ? parameter.choices().toArray(String[]::new)
                    : null;
        }

        @Override
        public String getAsText() {
            Object v = getValue();
            return v == null ? "" : v instanceof Double d ? decimal(d) : String.valueOf(v);
        }

        /**
         * @throws IllegalArgumentException with the operator's message (as localized message) if the text is not a
         *                                  value of the parameter; blank text of a number means "not set" (the default)
         */
        @Override
        public void setAsText(String text) {
            boolean isText = parameter.type() == Parameter.Type.STRING || parameter.type() == Parameter.Type.PATH;
            if (!isText && (text == null || text.isBlank())) {
                setValue(null);
                return;
            }
            try {
                setValue(parameter.coerce(text));
            } catch (IllegalArgumentException e) {
                throw ParameterNode.refusal(e);
            }
        }

        @Override
        public String getJavaInitializationString() {
            return "null"; // never generated into code; required by the interface only
        }

        @Override
        public void attachEnv(PropertyEnv env) {
            if (isNumber()) {
                env.registerInplaceEditorFactory(this::inplaceEditor);
            }
        }

        boolean isNumber() {
            return parameter.type() == Parameter.Type.DOUBLE || parameter.type() == Parameter.Type.INTEGER;
        }

        /** The sheet's in-place editor of a number: a text field that says what is wrong while typing. */
        CheckedField inplaceEditor() {
            return new CheckedField(parameter);
        }
    }

    /**
     * A double as people write it in a parameter field: {@code 0.0003} rather than {@code 3.0E-4}, {@code 1} rather than
     * {@code 1.0}; very large or small magnitudes (such as an unbounded threshold's {@code ±Double.MAX_VALUE}) keep the
     * exponent. The text reads back to the same double.
     */
    static String decimal(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return "0";
        }
        double magnitude = Math.abs(d);
        if (magnitude < 1e-6 || magnitude >= 1e12) {
            return Double.toString(d);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /**
     * A text field for a number that checks every keystroke with {@link Parameter#coerce}: a value the operator would
     * refuse turns the text red and puts the operator's message in the tooltip, before anything is committed. Blank
     * means "not set" (the default) and is accepted.
     */
    static final class CheckedField extends JTextField implements InplaceEditor {
        private static final Color WRONG = new Color(0xC6, 0x28, 0x28);
        private final Parameter<?> parameter;
        private PropertyEditor editor;
        private PropertyModel model;
        private String problem;

        CheckedField(Parameter parameter) {
            this.parameter = parameter;
            setActionCommand(COMMAND_SUCCESS); // Enter commits (the sheet listens through addActionListener)
            getDocument().addDocumentListener(new DocumentListener() {
                @Override
                public void insertUpdate(DocumentEvent e) {
                    check();
                }

                @Override
                public void removeUpdate(DocumentEvent e) {
                    check();
                }

                @Override
                public void changedUpdate(DocumentEvent e) {
                    check();
                }
            });
            getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "ferrum-cancel");
            getActionMap().put("ferrum-cancel", new AbstractAction() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    ActionEvent cancel =
                            new ActionEvent(CheckedField.this, ActionEvent.ACTION_PERFORMED, COMMAND_FAILURE);
                    for (ActionListener l : getActionListeners()) {
                        l.actionPerformed(cancel);
                    }
                }
            });
            check();
        }

        /** What the operator says is wrong with the text now, or null if it is a value it accepts. */
        String problem() {
            return problem;
        }

        private void check() {
            String text = getText();
            problem = null;
            if (!text.isBlank()) {
                try {
                    parameter.coerce(text);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            setForeground(problem == null ? UIManager.getColor("TextField.foreground") : WRONG);
            setToolTipText(
                    problem == null
                            ? parameter.description() + (parameter.range().isEmpty() ? "" : " " + parameter.range())
                            : problem);
        }

        @Override
        public void connect(PropertyEditor pe, PropertyEnv env) {
            this.editor = pe;
            reset();
        }

        @Override
        public JComponent getComponent() {
            return this;
        }

        @Override
        public void clear() {
            editor = null;
            model = null;
        }

        @Override
        public Object getValue() {
            return getText();
        }

        @Override
        public void setValue(Object o) {
            setText(o == null ? "" : o.toString());
        }

        @Override
        public boolean supportsTextEntry() {
            return true;
        }

        @Override
        public void reset() {
            setText(editor == null ? "" : editor.getAsText());
        }

        @Override
        public KeyStroke[] getKeyStrokes() {
            return new KeyStroke[0];
        }

        @Override
        public PropertyEditor getPropertyEditor() {
            return editor;
        }

        @Override
        public PropertyModel getPropertyModel() {
            return model;
        }

        @Override
        public void setPropertyModel(PropertyModel pm) {
            this.model = pm;
        }

        @Override
        public boolean isKnownComponent(Component c) {
            return c == this;
        }
    }

    /**
     * A file or folder path: typed, or chosen with a file chooser (the "..." button). A chosen file under the pipeline
     * file's folder is stored relative to it, as the pipeline format resolves relative paths against that folder, so a
     * pipeline moved with its data keeps working.
     */
    static final class PathEditor extends TextEditor implements ExPropertyEditor {
        private final Path baseDir;
        private JFileChooser chooser;

        PathEditor(Parameter parameter, Path baseDir) {
            super(parameter);
            this.baseDir = baseDir;
        }

        @Override
        public boolean supportsCustomEditor() {
            return true;
        }

        @Override
        public Component getCustomEditor() {
            chooser = new JFileChooser(baseDir == null ? null : baseDir.toFile());
            // data may be a file (NIfTI) or a folder (DICOM, BIDS)
            chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
            chooser.setControlButtonsAreShown(false);
            String current = getAsText();
            if (!current.isEmpty()) {
                chooser.setSelectedFile(resolve(current).toFile());
            }
            return chooser;
        }

        @Override
        public void attachEnv(PropertyEnv env) {
            // the sheet sets STATE_VALID when the custom editor's OK is pressed: then the chooser's file becomes the
            // value
            env.setState(PropertyEnv.STATE_NEEDS_VALIDATION);
            env.addPropertyChangeListener(e -> {
                if (PropertyEnv.PROP_STATE.equals(e.getPropertyName())
                        && PropertyEnv.STATE_VALID.equals(e.getNewValue())
                        && chooser != null
                        && chooser.getSelectedFile() != null) {
                    setValue(stored(chooser.getSelectedFile()));
                }
            });
        }

        Path resolve(String text) {
            Path p = Path.of(text);
            return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
        }

        /** The text stored for a chosen file: relative to the pipeline's folder when it lies inside it. */
        String stored(File chosen) {
            Path p = chosen.toPath().toAbsolutePath().normalize();
            if (baseDir != null && p.startsWith(baseDir.toAbsolutePath().normalize())) {
                return baseDir.toAbsolutePath()
                        .normalize()
                        .relativize(p)
                        .toString()
                        .replace(File.separatorChar, '/');
            }
            return p.toString();
        }
    }
}
