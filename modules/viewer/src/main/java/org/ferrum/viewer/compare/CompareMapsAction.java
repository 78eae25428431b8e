package org.ferrum.viewer.compare;

import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.util.NbBundle.Messages;

/** Window ▸ Compare Maps…: the comparison workspace on the session's newest maps. */
@ActionID(category = "Window", id = "org.ferrum.viewer.compare.CompareMapsAction")
@ActionRegistration(displayName = "#CTL_CompareMapsAction")
@ActionReference(path = "Menu/Window", position = 20)
@Messages("CTL_CompareMapsAction=Compare Maps…")
public final class CompareMapsAction implements ActionListener {

    @Override
    public void actionPerformed(ActionEvent e) {
        CompareMaps.openWorkspace();
    }
}
