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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.swing.JComponent;
import javax.swing.JTree;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreeNode;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The palette built headless, on the event thread, from the installed operators and from a made-up registry. */
class OperatorPaletteTest {

    /** An operator no module ships: stands for a module added later. */
    static final class ParticleCount implements Operator {
        static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("test.mpi.particles", "1.0")
                .displayName("Particle count")
                .category("Tracers/Magnetic particle imaging")
                .description("Counts iron-oxide particles per voxel from an MPI signal.")
                .input(Port.required("signal", PortTypes.VOLUME, "MPI signal"))
                .output(Port.output("count", PortTypes.TABLE, "particles per voxel"))
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public void run(OperatorContext context) {}
    }

    private static void onEdt(Executable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        SwingUtilities.invokeAndWait(() -> {
            try {
                body.execute();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] instanceof Error e) {
            throw e;
        } else if (failure[0] instanceof Exception e) {
            throw e;
        } else if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    /** Every tree node's path of names, e.g. "QSM/Dipole inversion/Dipole inversion: closed-form Tikhonov". */
    private static List<String> paths(JTree tree) {
        List<String> out = new ArrayList<>();
        collect((TreeNode) tree.getModel().getRoot(), "", out);
        return out;
    }

    private static void collect(TreeNode node, String prefix, List<String> out) {
        for (int i = 0; i < node.getChildCount(); i++) {
            TreeNode c = node.getChildAt(i);
            String p = prefix + c;
            out.add(p);
            collect(c, p + "/", out);
        }
    }

    @Test
    void listsEveryInstalledOperatorGroupedByCategoryAndSorted() throws Exception {
        onEdt(() -> {
            OperatorRegistry installed = OperatorRegistry.installed();
            OperatorPalette palette = new OperatorPalette(installed);
            List<String> ids = palette.visibleOperatorIds();
            assertEquals(installed.all().size(), ids.size());
            assertEquals(
                    installed.all().stream().map(o -> o.descriptor().id()).collect(Collectors.toSet()),
                    new HashSet<>(ids));
            assertTrue(ids.contains("qsm.dipole.tikhonov"), "the QSM module's operators are found through Lookup");

            List<String> paths = paths(palette.tree());
            // '/' in a category makes nested groups: the Tikhonov row is under QSM ▸ Dipole inversion
            assertTrue(paths.contains("QSM"));
            assertTrue(paths.contains("QSM/Dipole inversion"));
            assertTrue(paths.contains("QSM/Dipole inversion/Dipole inversion: closed-form Tikhonov"), paths.toString());
            assertFalse(paths.contains("QSM/Dipole inversion/QSM"), "no group repeats its parent");

            // inside a group, operators are sorted by display name
            DefaultMutableTreeNode dipole = group(palette.tree(), "QSM", "Dipole inversion");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < dipole.getChildCount(); i++) {
                names.add(dipole.getChildAt(i).toString());
            }
            assertTrue(names.size() >= 2, names.toString());
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(String.CASE_INSENSITIVE_ORDER);
            assertEquals(sorted, names);
            assertNull(palette.selectedOperatorId(), "nothing is selected before the user picks");
        });
    }

    @Test
    void filterKeepsMatchesExpandedAndClearingRestoresAll() throws Exception {
        onEdt(() -> {
            OperatorPalette palette = new OperatorPalette(OperatorRegistry.installed());
            int all = palette.visibleOperatorIds().size();

            palette.filter("tikh");
            List<String> kept = palette.visibleOperatorIds();
            assertTrue(kept.contains("qsm.dipole.tikhonov"), kept.toString());
            assertTrue(kept.size() < all && kept.size() <= 3, "only the Tikhonov operator(s) remain: " + kept);
            for (String id : kept) {
                OperatorDescriptor d =
                        OperatorRegistry.installed().find(id).orElseThrow().descriptor();
                String text = (d.displayName() + d.id() + d.category() + d.description()).toLowerCase(Locale.ROOT);
                assertTrue(text.contains("tikh"), id + " does not mention tikh");
            }
            assertEquals("tikh", palette.searchField().getText(), "the field shows the filter");
            // the matches are expanded: their rows are visible in the tree
            JTree tree = palette.tree();
            int leafRows = 0;
            for (int row = 0; row < tree.getRowCount(); row++) {
                Object last = tree.getPathForRow(row).getLastPathComponent();
                if (((TreeNode) last).isLeaf()) {
                    leafRows++;
                }
            }
            assertEquals(kept.size(), leafRows, "every match is on a visible row");
            assertNotNull(palette.selectedOperatorId(), "the first match is selected, ready for Enter");

            // case does not matter; typing in the field filters the same way
            palette.searchField().setText("TIKH");
            assertEquals(kept, palette.visibleOperatorIds());

            // Escape in the field clears the filter
            Object key = palette.searchField()
                    .getInputMap(JComponent.WHEN_FOCUSED)
                    .get(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0));
            palette.searchField()
                    .getActionMap()
                    .get(key)
                    .actionPerformed(new ActionEvent(palette.searchField(), 0, ""));
            assertEquals("", palette.searchField().getText());
            assertEquals(all, palette.visibleOperatorIds().size());

            palette.filter("no operator is called this");
            assertTrue(palette.visibleOperatorIds().isEmpty());
            palette.filter("");
            assertEquals(all, palette.visibleOperatorIds().size());
        });
    }

    @Test
    void anOperatorOfANewModuleAppearsUnderItsCategoryWithItsTooltip() throws Exception {
        onEdt(() -> {
            List<Operator> ops = new ArrayList<>(OperatorRegistry.installed().all());
            ops.add(new ParticleCount());
            OperatorPalette palette = new OperatorPalette(OperatorRegistry.of(ops));
            assertTrue(palette.visibleOperatorIds().contains("test.mpi.particles"));
            assertTrue(
                    paths(palette.tree()).contains("Tracers/Magnetic particle imaging/Particle count"),
                    paths(palette.tree()).toString());

            palette.filter("iron-oxide"); // matched by its description
            assertEquals(List.of("test.mpi.particles"), palette.visibleOperatorIds());

            // its row's tooltip names the description and the ports' types
            JTree tree = palette.tree();
            DefaultMutableTreeNode row = (DefaultMutableTreeNode)
                    group(tree, "Tracers", "Magnetic particle imaging").getChildAt(0);
            JComponent c = (JComponent)
                    tree.getCellRenderer().getTreeCellRendererComponent(tree, row, false, false, true, 0, false);
            String tip = c.getToolTipText();
            assertTrue(tip.contains("Counts iron-oxide particles"), tip);
            assertTrue(
                    tip.contains(PortTypes.VOLUME.displayName()) && tip.contains(PortTypes.TABLE.displayName()), tip);
        });
    }

    @Test
    void dragCarriesTheOperatorIdAndEnterOrDoubleClickAddsIt() throws Exception {
        onEdt(() -> {
            OperatorPalette palette = new OperatorPalette(OperatorRegistry.of(List.of(new ParticleCount())));
            List<String> added = new ArrayList<>();
            palette.setAddHandler(added::add);
            JTree tree = palette.tree();
            assertEquals(TransferHandler.COPY, tree.getTransferHandler().getSourceActions(tree));

            // a group is not an operator: nothing to drag, nothing to add
            tree.setSelectionRow(0);
            assertNull(palette.selectedOperatorId());
            Clipboard clip = new Clipboard("test");
            tree.getTransferHandler().exportToClipboard(tree, clip, TransferHandler.COPY);
            assertNull(clip.getContents(null));

            assertTrue(palette.selectOperator("test.mpi.particles"));
            assertEquals("test.mpi.particles", palette.selectedOperatorId());
            tree.getTransferHandler().exportToClipboard(tree, clip, TransferHandler.COPY);
            assertEquals("test.mpi.particles", OperatorTransfer.operatorIdOf(clip.getContents(null)));
            assertEquals("test.mpi.particles", clip.getData(DataFlavor.stringFlavor));

            Object key = tree.getInputMap(JComponent.WHEN_FOCUSED).get(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0));
            tree.getActionMap().get(key).actionPerformed(new ActionEvent(tree, 0, ""));
            assertEquals(List.of("test.mpi.particles"), added);
        });
    }

    private static DefaultMutableTreeNode group(JTree tree, String... names) {
        DefaultMutableTreeNode node = (DefaultMutableTreeNode) tree.getModel().getRoot();
        for (String name : names) {
            DefaultMutableTreeNode next = null;
            for (int i = 0; i < node.getChildCount(); i++) {
                if (node.getChildAt(i).toString().equals(name)) {
                    next = (DefaultMutableTreeNode) node.getChildAt(i);
                }
            }
            assertNotNull(next, "no group " + name + " under " + node);
            node = next;
        }
        return node;
    }
}
