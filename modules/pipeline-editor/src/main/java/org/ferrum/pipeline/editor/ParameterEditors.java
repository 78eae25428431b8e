package org.ferrum.pipeline.editor;

import java.awt.Component;
import java.beans.PropertyEditorSupport;
import java.io.File;
import java.nio.file.Path;
import javax.swing.JFileChooser;
import org.ferrum.pipeline.spi.Parameter;
import org.openide.explorer.propertysheet.ExPropertyEditor;
import org.openide.explorer.propertysheet.PropertyEnv;

/**
 * Property editors of {@link ParameterNode}'s parameters. Text typed in the sheet is converted and checked by the
 * operator's own {@link Parameter#coerce} when committed, so the sheet refuses it with the same sentence the validator
 * and the headless runner would give.
 */
final class ParameterEditors {

    private ParameterEditors() {
    }

    /** Numbers, text and choices (a choice lists its choices as tags: the sheet shows a combo box). */
    static class TextEditor extends PropertyEditorSupport {
        final Parameter parameter;

        TextEditor(Parameter parameter) {
            this.parameter = parameter;
        }

        @Override
        public String[] getTags() {
            return parameter.type() == Parameter.Type.CHOICE ? parameter.choices().toArray(String[]::new) : null;
        }

        @Override
        public String getAsText() {
            Object v = getValue();
            return v == null ? "" : String.valueOf(v);
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
            // the sheet sets STATE_VALID when the custom editor's OK is pressed: then the chooser's file becomes the value
            env.setState(PropertyEnv.STATE_NEEDS_VALIDATION);
            env.addPropertyChangeListener(e -> {
                if (PropertyEnv.PROP_STATE.equals(e.getPropertyName()) && PropertyEnv.STATE_VALID.equals(e.getNewValue())
                        && chooser != null && chooser.getSelectedFile() != null) {
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
                return baseDir.toAbsolutePath().normalize().relativize(p).toString().replace(File.separatorChar, '/');
            }
            return p.toString();
        }
    }
}
