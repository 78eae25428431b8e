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

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;

/**
 * What the palette drags onto the graph: an operator id. Also offered as plain text, so a drop into a text field gives
 * the id.
 */
public final class OperatorTransfer implements Transferable {

    /** The flavor of a dragged operator (its id as a {@code String}). */
    public static final DataFlavor FLAVOR =
            new DataFlavor(DataFlavor.javaJVMLocalObjectMimeType + ";class=java.lang.String", "Ferrum operator");

    private final String operatorId;

    public OperatorTransfer(String operatorId) {
        this.operatorId = operatorId;
    }

    @Override
    public DataFlavor[] getTransferDataFlavors() {
        return new DataFlavor[] {FLAVOR, DataFlavor.stringFlavor};
    }

    @Override
    public boolean isDataFlavorSupported(DataFlavor flavor) {
        return FLAVOR.equals(flavor) || DataFlavor.stringFlavor.equals(flavor);
    }

    @Override
    public Object getTransferData(DataFlavor flavor) throws UnsupportedFlavorException, IOException {
        if (!isDataFlavorSupported(flavor)) {
            throw new UnsupportedFlavorException(flavor);
        }
        return operatorId;
    }

    /** The operator id a transferable carries, or null if it carries none. */
    public static String operatorIdOf(Transferable t) {
        try {
            return t != null && t.isDataFlavorSupported(FLAVOR) ? (String) t.getTransferData(FLAVOR) : null;
        } catch (UnsupportedFlavorException | IOException e) {
            return null;
        }
    }
}
