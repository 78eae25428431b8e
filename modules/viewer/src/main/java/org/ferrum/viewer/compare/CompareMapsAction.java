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
