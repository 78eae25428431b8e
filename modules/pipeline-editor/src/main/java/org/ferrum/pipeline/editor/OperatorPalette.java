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

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.datatransfer.Transferable;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.KeyStroke;
import javax.swing.ToolTipManager;
import javax.swing.TransferHandler;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeCellRenderer;
import javax.swing.tree.DefaultTreeModel;
import javax.swing.tree.TreePath;
import javax.swing.tree.TreeSelectionModel;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorDescriptor;

/**
 * The operators a pipeline can use, as a tree of categories with a search field on top. Built from an
 * {@link OperatorRegistry} (normally {@link OperatorRegistry#installed()}, everything registered through Lookup), so a
 * module that adds an operator makes it appear here with no change to the editor.
 *
 * <p>Contract:
 * <ul>
 * <li>Categories are split at '/' into nested groups ({@code "QSM/Dipole inversion"} is a group inside {@code "QSM"});
 *     within a group, sub-groups come first, then operators, each sorted by name as people read it (case and accents
 *     ignored).</li>
 * <li>{@link #filter} (what typing into the search field does) keeps the operators whose display name, id, category or
 *     description contains the text, ignoring case, and expands every group that holds a match. Escape in the field
 *     clears it; an empty filter shows every operator with the top-level groups open.</li>
 * <li>An operator row's tooltip is the graph's operator tooltip (description, ports with their types). Dragging a row
 *     carries an {@link OperatorTransfer}; double-click or Enter on a row hands its id to the add handler.</li>
 * <li>Use on the event thread only (Swing rule).</li>
 * </ul>
 */
public final class OperatorPalette extends JPanel {

    private static final String ADD_ACTION = "ferrum-add-operator";

    private final OperatorRegistry registry;
    private final JTextField search = new JTextField();
    private final DefaultMutableTreeNode root = new DefaultMutableTreeNode("Operators");
    private final DefaultTreeModel model = new DefaultTreeModel(root);
    private final JTree tree = new JTree(model);
    private final Collator collator = Collator.getInstance();
    private Consumer<String> addHandler = id -> {};
    private String query = "";

    /** A group of the tree: one level of a '/'-separated category. */
    private record Group(String name, String path) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A row of the tree that is an operator; shown by its display name. */
    private record Entry(OperatorDescriptor descriptor) {
        @Override
        public String toString() {
            return descriptor.displayName();
        }
    }

    public OperatorPalette(OperatorRegistry registry) {
        super(new BorderLayout());
        this.registry = Objects.requireNonNull(registry, "registry");
        collator.setStrength(Collator.PRIMARY);

        search.putClientProperty("JTextField.placeholderText", "Search operators");
        search.setToolTipText("Filter by name, id, category or description (Escape clears)");
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                apply(search.getText());
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                apply(search.getText());
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                apply(search.getText());
            }
        });
        search.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "ferrum-clear");
        search.getActionMap().put("ferrum-clear", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                search.setText("");
            }
        });
        // Down from the search field goes to the first match, so typing then Down, Enter adds it without the mouse.
        search.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), "ferrum-to-tree");
        search.getActionMap().put("ferrum-to-tree", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                selectFirstOperator();
                tree.requestFocusInWindow();
            }
        });

        tree.setRootVisible(false);
        tree.setShowsRootHandles(true);
        tree.getSelectionModel().setSelectionMode(TreeSelectionModel.SINGLE_TREE_SELECTION);
        tree.setCellRenderer(new Renderer());
        ToolTipManager.sharedInstance().registerComponent(tree);
        tree.setTransferHandler(new OperatorExport());
        if (!GraphicsEnvironment.isHeadless()) {
            tree.setDragEnabled(
                    true); // refused (HeadlessException) without a display; tests export through the handler
        }
        tree.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), ADD_ACTION);
        tree.getActionMap().put(ADD_ACTION, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                addSelected();
            }
        });
        tree.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && e.getButton() == MouseEvent.BUTTON1) {
                    TreePath path = tree.getPathForLocation(e.getX(), e.getY());
                    if (path != null && entryOf(path.getLastPathComponent()) != null) {
                        tree.setSelectionPath(path);
                        addSelected();
                    }
                }
            }
        });

        search.setToolTipText("Type to find operators by name, id, category or description; Escape clears");
        search.setBorder(javax.swing.BorderFactory.createTitledBorder("Operators — type to search"));
        add(search, BorderLayout.NORTH);
        add(new JScrollPane(tree), BorderLayout.CENTER);
        rebuild();
    }

    /** What double-click or Enter on an operator does with its id (the editor adds a node at a free spot). */
    public void setAddHandler(Consumer<String> handler) {
        this.addHandler = handler == null ? id -> {} : handler;
    }

    /**
     * Shows only the operators matching {@code text} (display name, id, category or description contains it, ignoring
     * case), with their groups expanded; empty or null shows all. Also puts the text into the search field, so the
     * field always shows what the tree is filtered by.
     */
    public void filter(String text) {
        String t = text == null ? "" : text;
        if (!t.equals(search.getText())) {
            search.setText(t); // the field's listener applies it
        } else {
            apply(t);
        }
    }

    /** The text the tree is filtered by now. */
    public String filterText() {
        return query;
    }

    /** Ids of the operators in the (filtered) tree, in tree order. */
    public List<String> visibleOperatorIds() {
        List<String> ids = new ArrayList<>();
        Enumeration<?> e = root.preorderEnumeration();
        while (e.hasMoreElements()) {
            Entry entry = entryOf(e.nextElement());
            if (entry != null) {
                ids.add(entry.descriptor().id());
            }
        }
        return ids;
    }

    /** The id of the selected operator, or null if no operator row is selected (nothing, or a group). */
    public String selectedOperatorId() {
        TreePath path = tree.getSelectionPath();
        Entry entry = path == null ? null : entryOf(path.getLastPathComponent());
        return entry == null ? null : entry.descriptor().id();
    }

    /**
     * Selects an operator's row (revealing it) and returns true, or returns false if the operator is not in the tree
     * as filtered now.
     */
    public boolean selectOperator(String operatorId) {
        Enumeration<?> e = root.preorderEnumeration();
        while (e.hasMoreElements()) {
            Object n = e.nextElement();
            Entry entry = entryOf(n);
            if (entry != null && entry.descriptor().id().equals(operatorId)) {
                TreePath path = new TreePath(((DefaultMutableTreeNode) n).getPath());
                tree.setSelectionPath(path);
                tree.scrollPathToVisible(path);
                return true;
            }
        }
        return false;
    }

    /** The operator tree (for the window's focus handling and for tests). */
    JTree tree() {
        return tree;
    }

    /** The search field. */
    JTextField searchField() {
        return search;
    }

    // ---- internals --------------------------------------------------------------------------------------------------

    private void apply(String text) {
        String t = text.strip();
        if (t.equals(query)) {
            return;
        }
        query = t;
        rebuild();
    }

    private void rebuild() {
        String selected = selectedOperatorId();
        root.removeAllChildren();
        String needle = query.toLowerCase(Locale.ROOT);
        for (Operator op : registry.all()) {
            OperatorDescriptor d = op.descriptor();
            if (needle.isEmpty() || matches(d, needle)) {
                groupFor(d.category()).add(new DefaultMutableTreeNode(new Entry(d), false));
            }
        }
        sort(root);
        model.reload();
        if (needle.isEmpty()) {
            for (int i = 0; i < root.getChildCount(); i++) {
                tree.expandPath(new TreePath(((DefaultMutableTreeNode) root.getChildAt(i)).getPath()));
            }
        } else {
            // top down, re-reading the row count: each expansion inserts the rows of its children, which are then
            // visited in turn, so nested groups open too
            for (int row = 0; row < tree.getRowCount(); row++) {
                tree.expandRow(row);
            }
        }
        if (selected == null || !selectOperator(selected)) {
            if (!needle.isEmpty()) {
                selectFirstOperator(); // so Enter after typing adds the best match
            }
        }
    }

    private static boolean matches(OperatorDescriptor d, String needle) {
        return d.displayName().toLowerCase(Locale.ROOT).contains(needle)
                || d.id().toLowerCase(Locale.ROOT).contains(needle)
                || d.category().toLowerCase(Locale.ROOT).contains(needle)
                || d.description().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The group node of a category, created level by level ("QSM/Dipole inversion" → QSM → Dipole inversion). */
    private DefaultMutableTreeNode groupFor(String category) {
        DefaultMutableTreeNode parent = root;
        StringBuilder path = new StringBuilder();
        for (String part : category.split("/")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            path.append(path.length() == 0 ? "" : "/").append(name);
            DefaultMutableTreeNode found = null;
            for (int i = 0; i < parent.getChildCount() && found == null; i++) {
                DefaultMutableTreeNode child = (DefaultMutableTreeNode) parent.getChildAt(i);
                if (child.getUserObject() instanceof Group g && g.name().equals(name)) {
                    found = child;
                }
            }
            if (found == null) {
                found = new DefaultMutableTreeNode(new Group(name, path.toString()));
                parent.add(found);
            }
            parent = found;
        }
        return parent;
    }

    private void sort(DefaultMutableTreeNode node) {
        List<DefaultMutableTreeNode> children = new ArrayList<>();
        for (int i = 0; i < node.getChildCount(); i++) {
            children.add((DefaultMutableTreeNode) node.getChildAt(i));
        }
        children.sort(Comparator.comparing((DefaultMutableTreeNode n) -> n.getUserObject() instanceof Entry)
                .thenComparing(n -> n.getUserObject().toString(), collator));
        node.removeAllChildren();
        for (DefaultMutableTreeNode c : children) {
            node.add(c);
            sort(c);
        }
    }

    private void selectFirstOperator() {
        List<String> ids = visibleOperatorIds();
        if (!ids.isEmpty()) {
            selectOperator(ids.get(0));
        }
    }

    private void addSelected() {
        String id = selectedOperatorId();
        if (id != null) {
            addHandler.accept(id);
        }
    }

    private static Entry entryOf(Object treeNode) {
        return treeNode instanceof DefaultMutableTreeNode n && n.getUserObject() instanceof Entry e ? e : null;
    }

    /** Operator rows: display name, the graph's operator tooltip. Groups: their name, the full category as tooltip. */
    private static final class Renderer extends DefaultTreeCellRenderer {
        @Override
        public Component getTreeCellRendererComponent(
                JTree tree, Object value, boolean selected, boolean expanded, boolean leaf, int row, boolean hasFocus) {
            super.getTreeCellRendererComponent(tree, value, selected, expanded, leaf, row, hasFocus);
            Object user = value instanceof DefaultMutableTreeNode n ? n.getUserObject() : null;
            if (user instanceof Entry e) {
                setToolTipText(PipelineScene.tooltip(e.descriptor()));
                setIcon(getLeafIcon());
            } else if (user instanceof Group g) {
                setToolTipText(g.path());
            } else {
                setToolTipText(null);
            }
            return this;
        }
    }

    /** Drags (and copies) the selected operator as an {@link OperatorTransfer}; groups are not draggable. */
    private final class OperatorExport extends TransferHandler {
        @Override
        public int getSourceActions(JComponent c) {
            return COPY;
        }

        @Override
        protected Transferable createTransferable(JComponent c) {
            String id = selectedOperatorId();
            return id == null ? null : new OperatorTransfer(id);
        }
    }
}
