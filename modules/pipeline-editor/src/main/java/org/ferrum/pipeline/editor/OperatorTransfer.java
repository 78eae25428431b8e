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
    public static final DataFlavor FLAVOR = new DataFlavor(DataFlavor.javaJVMLocalObjectMimeType + ";class=java.lang.String",
            "Ferrum operator");

    private final String operatorId;

    public OperatorTransfer(String operatorId) {
        this.operatorId = operatorId;
    }

    @Override
    public DataFlavor[] getTransferDataFlavors() {
        return new DataFlavor[]{FLAVOR, DataFlavor.stringFlavor};
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
