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
import java.awt.Font;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.datatransfer.Transferable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Port;
import org.netbeans.api.visual.action.AcceptProvider;
import org.netbeans.api.visual.action.ActionFactory;
import org.netbeans.api.visual.action.ConnectProvider;
import org.netbeans.api.visual.action.ConnectorState;
import org.netbeans.api.visual.action.MoveProvider;
import org.netbeans.api.visual.action.WidgetAction;
import org.netbeans.api.visual.anchor.Anchor;
import org.netbeans.api.visual.anchor.AnchorFactory;
import org.netbeans.api.visual.anchor.AnchorShape;
import org.netbeans.api.visual.graph.GraphPinScene;
import org.netbeans.api.visual.model.ObjectState;
import org.netbeans.api.visual.router.RouterFactory;
import org.netbeans.api.visual.vmd.VMDColorScheme;
import org.netbeans.api.visual.vmd.VMDFactory;
import org.netbeans.api.visual.vmd.VMDNodeWidget;
import org.netbeans.api.visual.vmd.VMDPinWidget;
import org.netbeans.api.visual.widget.ConnectionWidget;
import org.netbeans.api.visual.widget.LabelWidget;
import org.netbeans.api.visual.widget.LayerWidget;
import org.netbeans.api.visual.widget.Widget;

/**
 * The graph view of a {@link PipelineDocument} on the NetBeans Visual Library: one VMD node widget per pipeline node
 * (header: node id and operator name; pins: the operator's inputs, then its outputs, each with its port type), one
 * connection per edge. The scene never changes the pipeline itself except through the document's edit methods, and
 * redraws from the document after every change ({@link #sync()}), so undo, paste, file loading and the property sheet
 * all show up the same way.
 *
 * <p>Gestures: drag a node (all selected nodes move; one undoable edit when the drag ends); click, ctrl-click and
 * rectangle-drag on the background to select; drag from an output pin to an input pin to connect (the target is refused,
 * with the validator's reason passed to the status sink, when the types do not fit, the input is taken or a cycle would
 * form); ctrl-wheel zooms at the mouse, the middle button (or the wheel) pans; drop an operator from the palette to add
 * it. Nodes with errors (unknown operator, broken edges, missing required inputs) get a red state line listing the
 * problems; edges the validator rejects are drawn red. Must be used on the event thread only (Visual Library rule).
 */
public final class PipelineScene extends GraphPinScene<String, Edge, PipelineScene.Pin> {

    /** A port of a node, with its direction (an input and an output may share a name). */
    public record Pin(String node, String port, boolean output) {
        public PortRef ref() {
            return new PortRef(node, port);
        }
    }

    /** A named pipeline input or output drawn on the graph (beside its node or port). */
    public record Marker(String name, boolean output) {}

    private static final Color ERROR = new Color(0xC6, 0x28, 0x28);
    private static final Color EDGE = new Color(0x37, 0x47, 0x4F);
    private static final Color EDGE_SELECTED = new Color(0x15, 0x65, 0xC0);
    private static final Color EDGE_HOVER = new Color(0x1E, 0x88, 0xE5);
    private static final Color INPUT_FILL = new Color(0xE3, 0xF2, 0xFD);
    private static final Color INPUT_LINE = new Color(0x15, 0x65, 0xC0);
    private static final Color OUTPUT_FILL = new Color(0xFF, 0xF3, 0xE0);
    private static final Color OUTPUT_LINE = new Color(0xE6, 0x51, 0x00);
    private static final int GRID_X = 240;
    /** Smallest text height (px on screen) that "Fit" may zoom down to: below it, scroll instead. */
    public static final double MIN_READABLE_TEXT_PX = 10;
    /** Smallest font size of the graph's text at 100 % (px). */
    public static final int MIN_FONT_PX = 12;
    /** Horizontal room between a node and its marker. */
    private static final int MARKER_GAP = 14;
    /** Horizontal space between markers in one row. */
    private static final int MARKER_SPACING = 6;
    /** Up to this many edges, edges are routed orthogonally around the nodes. */
    static final int ORTHOGONAL_EDGES = 80;

    private final PipelineDocument document;
    private final VMDColorScheme scheme = VMDFactory.getOriginalScheme();
    private final LayerWidget backgroundLayer = new LayerWidget(this);
    private final LayerWidget mainLayer = new LayerWidget(this);
    private final LayerWidget connectionLayer = new LayerWidget(this);
    private final LayerWidget interactionLayer = new LayerWidget(this);
    private final LayerWidget markerLayer = new LayerWidget(this);
    private final Map<Marker, LabelWidget> markers = new LinkedHashMap<>();
    private final Map<Marker, ConnectionWidget> markerLinks = new HashMap<>();
    private final Font font;
    private final WidgetAction popupAction = ActionFactory.createPopupMenuAction(this::popupMenu);
    private final WidgetAction pinClickAction = new PinClick();
    private Consumer<Pin> outputPinClicked = p -> {};
    private Prompt prompt = Prompt.DIALOG;
    private final WidgetAction moveAction = ActionFactory.createMoveAction(null, new SelectionMove());
    private final WidgetAction connectAction = ActionFactory.createConnectAction(interactionLayer, new PinConnect());
    private final WidgetAction hoverAction = createObjectHoverAction();
    private final WidgetAction selectAction = createSelectAction();
    private final Map<String, LabelWidget> stateLines = new HashMap<>();
    private Consumer<String> status = s -> {};
    private String lastMessage = "";
    private boolean moving;

    public PipelineScene(PipelineDocument document) {
        this.document = Objects.requireNonNull(document);
        addChild(backgroundLayer);
        addChild(mainLayer);
        addChild(markerLayer); // laid out before the connections that end at the markers
        addChild(connectionLayer);
        addChild(interactionLayer);
        Font laf = javax.swing.UIManager.getFont("Label.font");
        font = (laf == null ? new Font(Font.SANS_SERIF, Font.PLAIN, MIN_FONT_PX) : laf)
                .deriveFont((float) Math.max(MIN_FONT_PX, laf == null ? 0 : laf.getSize2D()));
        setFont(font);
        getActions().addAction(popupAction);
        getActions().addAction(ActionFactory.createRectangularSelectAction(this, backgroundLayer));
        getActions().addAction(ActionFactory.createMouseCenteredZoomAction(1.15));
        getActions().addAction(ActionFactory.createPanAction());
        getActions().addAction(ActionFactory.createWheelPanAction());
        getActions().addAction(ActionFactory.createAcceptAction(new PaletteDrop()));
        document.addChangeListener(e -> sync());
        addSceneListener(new SceneListener() {
            @Override
            public void sceneRepaint() {}

            @Override
            public void sceneValidating() {
                placeMarkers(); // nodes may have moved (a drag): the markers follow in the same validation
            }

            @Override
            public void sceneValidated() {}
        });
        sync();
    }

    /** Asks the user for a name (the Expose…/Rename… menu items); replaceable for tests. */
    public interface Prompt {
        /** The name typed, or null if the user cancelled. */
        String ask(String title, String label, String initial);

        Prompt DIALOG = (title, label, initial) -> {
            org.openide.NotifyDescriptor.InputLine d = new org.openide.NotifyDescriptor.InputLine(label, title);
            d.setInputText(initial);
            return org.openide.DialogDisplayer.getDefault().notify(d) == org.openide.NotifyDescriptor.OK_OPTION
                    ? d.getInputText().strip()
                    : null;
        };
    }

    /** How Expose…/Rename… ask for names (tests answer without a dialog). */
    public void setPrompt(Prompt prompt) {
        this.prompt = prompt == null ? Prompt.DIALOG : prompt;
    }

    /** What a click on an output pin does (the editor shows the node's result there). */
    public void setOutputPinClickHandler(Consumer<Pin> handler) {
        this.outputPinClicked = handler == null ? p -> {} : handler;
    }

    /** The font of the graph's text at 100 % zoom: the look and feel's label font, at least {@link #MIN_FONT_PX}. */
    public Font textFont() {
        return font;
    }

    /** The smallest zoom at which the graph's text is still {@link #MIN_READABLE_TEXT_PX} high. */
    public double minReadableZoom() {
        return MIN_READABLE_TEXT_PX / font.getSize2D();
    }

    /** The widget that draws a named input or output, or null. */
    public LabelWidget markerWidget(Marker m) {
        return markers.get(m);
    }

    /** The markers drawn now (inputs and outputs). */
    public Set<Marker> markers() {
        return Set.copyOf(markers.keySet());
    }

    public PipelineDocument document() {
        return document;
    }

    /** Where messages for the user go (refused connections, failed drops): the editor's status line. */
    public void setStatusSink(Consumer<String> sink) {
        this.status = sink == null ? s -> {} : sink;
    }

    /** The last message sent to the status sink (for tests and the editor's status label). */
    public String lastMessage() {
        return lastMessage;
    }

    /**
     * The line at the bottom of a node's widget that shows its state (problems; the runner writes run states there).
     * Null for an unknown node id.
     */
    public LabelWidget stateLine(String nodeId) {
        return stateLines.get(nodeId);
    }

    /** The ids of the selected nodes, in pipeline order. */
    public List<String> selectedNodes() {
        Set<?> sel = getSelectedObjects();
        return document.pipeline().nodes().stream()
                .map(Node::id)
                .filter(sel::contains)
                .toList();
    }

    /** The selected edges. */
    public List<Edge> selectedEdges() {
        return getSelectedObjects().stream()
                .filter(Edge.class::isInstance)
                .map(Edge.class::cast)
                .toList();
    }

    /** Deletes the selected nodes (with their edges) and the selected edges, as undoable edits. */
    public void deleteSelection() {
        List<String> nodes = selectedNodes();
        List<Edge> edges = selectedEdges();
        if (!edges.isEmpty()) {
            document.disconnect(edges);
        }
        if (!nodes.isEmpty()) {
            document.removeNodes(nodes);
        }
    }

    /** Aligns the selected nodes' left edges (or tops) with the first selected node's; one undoable edit. */
    public void alignSelection(boolean leftEdges) {
        List<String> ids = selectedNodes();
        if (ids.size() < 2) {
            return;
        }
        Pipeline p = document.pipeline();
        Position first = positionOf(p.node(ids.get(0)).orElseThrow(), 0);
        Map<String, Position> moves = new LinkedHashMap<>();
        for (String id : ids) {
            Position q = positionOf(
                    p.node(id).orElseThrow(), p.nodes().indexOf(p.node(id).orElseThrow()));
            moves.put(id, leftEdges ? new Position(first.x(), q.y()) : new Position(q.x(), first.y()));
        }
        document.moveNodes(moves);
    }

    // ---- synchronisation with the document ------------------------------------------------------------------------

    /** Brings the widgets in line with the document's pipeline and problems. */
    public void sync() {
        Pipeline p = document.pipeline();
        Set<String> ids = p.nodes().stream().map(Node::id).collect(Collectors.toSet());
        for (String n : new ArrayList<>(getNodes())) {
            if (!ids.contains(n)) {
                removeNodeWithEdges(n);
                stateLines.remove(n);
            }
        }
        Set<Edge> edges = new HashSet<>(p.edges());
        for (Edge e : new ArrayList<>(getEdges())) {
            if (!edges.contains(e)) {
                removeEdge(e);
            }
        }
        for (int i = 0; i < p.nodes().size(); i++) {
            Node n = p.nodes().get(i);
            if (!isNode(n.id())) {
                addNodeWidget(n);
            }
            VMDNodeWidget w = (VMDNodeWidget) findWidget(n.id());
            if (!moving) {
                Position pos = positionOf(n, i);
                w.setPreferredLocation(new Point((int) Math.round(pos.x()), (int) Math.round(pos.y())));
            }
        }
        Set<Edge> rejected = new HashSet<>();
        for (Problem pr : document.problems()) {
            for (Edge e : p.edges()) {
                if (pr.isError() && pr.message().contains(e.toString())) {
                    rejected.add(e);
                }
            }
        }
        for (Edge e : p.edges()) {
            if (!isEdge(e)) {
                Pin from = pin(e.from().node(), e.from().port(), true);
                Pin to = pin(e.to().node(), e.to().port(), false);
                addEdge(e);
                setEdgeSource(e, from);
                setEdgeTarget(e, to);
            }
            ConnectionWidget c = (ConnectionWidget) findWidget(e);
            ((EdgeWidget) c).setRejected(rejected.contains(e));
            c.setToolTipText(rejected.contains(e) ? problemsText(e.toString()) : e.toString());
        }
        for (Node n : p.nodes()) {
            showProblems(n.id());
        }
        syncMarkers(p);
        layoutNow();
        placeMarkers(); // new markers have their sizes now
        layoutNow();
    }

    /**
     * Validates (lays out) the scene now; without a view (tests, image export) with an off-screen graphics context, as
     * the Visual Library lays out nothing without one.
     */
    public void layoutNow() {
        if (getView() != null) {
            validate();
            return;
        }
        java.awt.image.BufferedImage probe =
                new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = probe.createGraphics();
        try {
            validate(g);
        } finally {
            g.dispose();
        }
    }

    /** One marker per named input (beside its node) and output (beside its port), with a dashed link. */
    private void syncMarkers(Pipeline p) {
        Map<Marker, Widget> anchors = new LinkedHashMap<>();
        Map<Marker, String> texts = new HashMap<>();
        Map<Marker, String> tips = new HashMap<>();
        p.inputs().forEach((name, b) -> {
            if (isNode(b.node())) {
                Marker m = new Marker(name, false);
                anchors.put(m, findWidget(b.node()));
                texts.put(m, "⇨ " + name);
                tips.put(
                        m,
                        "<html>pipeline input <b>" + escape(name) + "</b> sets " + escape(b.node()) + "."
                                + escape(b.parameter())
                                + (b.defaultValue() == null ? "" : "<br>default: " + escape(b.defaultValue()))
                                + (b.optional() ? "<br>optional: empty leaves this branch out" : "")
                                + (b.description().isBlank() ? "" : "<br>" + wrap(escape(b.description())))
                                + "<br><i>right-click to rename or remove</i></html>");
            }
        });
        p.outputs().forEach((name, ref) -> {
            Pin pin = new Pin(ref.node(), ref.port(), true);
            if (isNode(ref.node()) && isPin(pin)) {
                Marker m = new Marker(name, true);
                anchors.put(m, findWidget(pin));
                texts.put(m, name + " ⇨");
                tips.put(
                        m,
                        "<html>pipeline output <b>" + escape(name) + "</b> = " + escape(ref.toString())
                                + "<br>written to --out as " + escape(name)
                                + ".nii.gz / .csv<br><i>right-click to rename or remove</i></html>");
            }
        });
        for (Marker m : new ArrayList<>(markers.keySet())) {
            if (!anchors.containsKey(m)) {
                markerLayer.removeChild(markers.remove(m));
                connectionLayer.removeChild(markerLinks.remove(m));
            }
        }
        anchors.forEach((m, target) -> {
            LabelWidget w = markers.get(m);
            if (w == null) {
                w = new LabelWidget(this, texts.get(m));
                w.setOpaque(true);
                w.setBackground(m.output() ? OUTPUT_FILL : INPUT_FILL);
                w.setForeground(m.output() ? OUTPUT_LINE : INPUT_LINE);
                w.setFont(font.deriveFont(Font.BOLD));
                w.setUseGlyphVector(true);
                w.setBorder(org.netbeans.api.visual.border.BorderFactory.createRoundedBorder(
                        6, 6, 6, 2, m.output() ? OUTPUT_FILL : INPUT_FILL, m.output() ? OUTPUT_LINE : INPUT_LINE));
                w.getActions().addAction(popupAction);
                w.setPreferredLocation(
                        new Point(0, 0)); // a layer lays out only placed widgets; placeMarkers() moves it
                markerLayer.addChild(w);
                markers.put(m, w);
                ConnectionWidget link = new ConnectionWidget(this);
                link.setStroke(new java.awt.BasicStroke(
                        1.5f,
                        java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {4f, 3f},
                        0f));
                link.setLineColor(m.output() ? OUTPUT_LINE : INPUT_LINE);
                connectionLayer.addChild(link);
                markerLinks.put(m, link);
            }
            w.setLabel(texts.get(m));
            w.setToolTipText(tips.get(m));
            ConnectionWidget link = markerLinks.get(m);
            if (m.output()) {
                link.setSourceAnchor(
                        AnchorFactory.createDirectionalAnchor(target, AnchorFactory.DirectionalAnchorKind.HORIZONTAL));
                link.setTargetAnchor(AnchorFactory.createRectangularAnchor(w));
                link.setRouter(outputMarkerRoute(target, w));
            } else {
                link.setSourceAnchor(AnchorFactory.createRectangularAnchor(w));
                link.setTargetAnchor(AnchorFactory.createRectangularAnchor(target));
                link.setTargetAnchorShape(AnchorShape.TRIANGLE_FILLED);
            }
        });
    }

    /**
     * Puts each marker beside what it names, once the nodes have their bounds: an input left of its node's header (several
     * inputs of one node stacked), an output right of its port, raised so that edges leaving the port pass below it.
     */
    private void placeMarkers() {
        if (markers.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<Map.Entry<Marker, LabelWidget>>> group :
                markerGroups().entrySet()) {
            List<Map.Entry<Marker, LabelWidget>> members = group.getValue();
            boolean outputs = members.get(0).getKey().output();
            Widget nodeWidget =
                    findWidget(group.getKey().substring(0, group.getKey().length() - 2));
            if (nodeWidget == null || nodeWidget.getBounds() == null) {
                continue;
            }
            Rectangle node = nodeRect(nodeWidget);
            List<Rectangle> sizes = new ArrayList<>();
            for (Map.Entry<Marker, LabelWidget> e : members) {
                sizes.add(e.getValue().getBounds());
            }
            if (sizes.contains(null)) {
                continue;
            }
            List<Point> cells = flow(sizes, node.width);
            int rowHeight = rowHeight(sizes);
            for (int i = 0; i < members.size(); i++) {
                Rectangle own = sizes.get(i);
                Point cell = cells.get(i);
                // outputs in rows below the node, inputs in rows above it, wrapped at the node's width: clear of the
                // edges that leave the node's right side and arrive at its left side
                int top = outputs
                        ? node.y + node.height + MARKER_GAP / 2 + cell.y * rowHeight
                        : node.y - MARKER_GAP / 2 - (cell.y + 1) * rowHeight;
                // outputs right-aligned (rows fill from the node's right edge, where their ports are), inputs
                // left-aligned
                int left = outputs ? node.x + node.width - cell.x - own.width : node.x + cell.x;
                Point at = new Point(left - own.x, top - own.y);
                LabelWidget w = members.get(i).getValue();
                if (!at.equals(w.getPreferredLocation())) {
                    w.setPreferredLocation(at);
                }
            }
        }
    }

    /** The markers grouped by node and side: key = node id, a NUL, then "i" (inputs) or "o" (outputs); in marker order. */
    private Map<String, List<Map.Entry<Marker, LabelWidget>>> markerGroups() {
        Map<String, List<Map.Entry<Marker, LabelWidget>>> groups = new LinkedHashMap<>();
        Pipeline p = document.pipeline();
        for (Map.Entry<Marker, LabelWidget> e : markers.entrySet()) {
            Marker m = e.getKey();
            String node;
            if (m.output()) {
                var ref = p.outputs().get(m.name());
                node = ref == null ? null : ref.node();
            } else {
                var b = p.inputs().get(m.name());
                node = b == null ? null : b.node();
            }
            if (node != null) {
                groups.computeIfAbsent(node + (m.output() ? "\u0000o" : "\u0000i"), k -> new ArrayList<>())
                        .add(e);
            }
        }
        return groups;
    }

    /**
     * Row flow of markers beside a node {@code width} wide: left to right, a new row when the next would pass the
     * node's right edge (a marker wider than the node gets a row of its own). Returns each marker's (x offset, row).
     */
    static List<Point> flow(List<Rectangle> sizes, int width) {
        List<Point> cells = new ArrayList<>();
        int x = 0;
        int row = 0;
        for (Rectangle r : sizes) {
            if (x > 0 && x + r.width > width) {
                row++;
                x = 0;
            }
            cells.add(new Point(x, row));
            x += r.width + MARKER_SPACING;
        }
        return cells;
    }

    private static int rowHeight(List<Rectangle> sizes) {
        int h = 0;
        for (Rectangle r : sizes) {
            h = Math.max(h, r == null ? 24 : r.height);
        }
        return h + 4;
    }

    /**
     * The dashed link of an output marker: out of the port's right end, down just outside the node's right edge, along
     * the gap under the node and down into the marker, so that it never crosses the node's rows of text (a straight
     * line from the port to a marker in the row under the node did). Falls back to a straight line until both
     * widgets have bounds.
     */
    private static org.netbeans.api.visual.router.Router outputMarkerRoute(Widget port, Widget marker) {
        return link -> {
            Rectangle pin = port.getBounds() == null ? null : port.convertLocalToScene(port.getBounds());
            Rectangle box = marker.getBounds() == null ? null : marker.convertLocalToScene(marker.getBounds());
            if (pin == null || box == null || box.y <= pin.y) {
                return List.of(
                        link.getSourceAnchor()
                                .compute(link.getSourceAnchorEntry())
                                .getAnchorSceneLocation(),
                        link.getTargetAnchor()
                                .compute(link.getTargetAnchorEntry())
                                .getAnchorSceneLocation());
            }
            int y = pin.y + pin.height / 2;
            int side = pin.x + pin.width + 6;
            int gap = box.y - Math.max(3, MARKER_GAP / 3);
            int x = box.x + box.width / 2;
            return List.of(
                    new Point(pin.x + pin.width, y),
                    new Point(side, y),
                    new Point(side, gap),
                    new Point(x, gap),
                    new Point(x, box.y));
        };
    }

    /** Where a node is placed (its preferred location, which a drag changes before the next layout). */
    private static Point nodeLocation(Widget nodeWidget) {
        return nodeWidget.getPreferredLocation() != null ? nodeWidget.getPreferredLocation() : nodeWidget.getLocation();
    }

    /** A node's rectangle in the scene at its placed location, with its size from the last layout. */
    private static Rectangle nodeRect(Widget nodeWidget) {
        Rectangle b = nodeWidget.getBounds();
        Point at = nodeLocation(nodeWidget);
        return new Rectangle(at.x + b.x, at.y + b.y, b.width, b.height);
    }

    /** The height a node's markers need: [above it for inputs, below it for outputs] (0 if none), rows as placed. */
    int[] markerRoom(String nodeId) {
        Widget nodeWidget = findWidget(nodeId);
        int width = nodeWidget == null || nodeWidget.getBounds() == null ? 200 : nodeWidget.getBounds().width;
        int[] room = new int[2];
        for (Map.Entry<String, List<Map.Entry<Marker, LabelWidget>>> group :
                markerGroups().entrySet()) {
            String key = group.getKey();
            if (!key.substring(0, key.length() - 2).equals(nodeId)) {
                continue;
            }
            List<Rectangle> sizes = new ArrayList<>();
            for (Map.Entry<Marker, LabelWidget> e : group.getValue()) {
                Rectangle b = e.getValue().getBounds();
                sizes.add(b == null ? new Rectangle(0, 0, 80, 24) : b);
            }
            List<Point> cells = flow(sizes, width);
            int rows = cells.get(cells.size() - 1).y + 1;
            room[key.endsWith("o") ? 1 : 0] = rows * rowHeight(sizes) + MARKER_GAP / 2;
        }
        return room;
    }

    /**
     * Lays the graph out left to right ({@link LayeredLayout}) with the nodes' real sizes, room for the markers, and no
     * overlaps; one undoable edit ("Layout").
     */
    public void layoutGraph() {
        layoutNow();
        Pipeline p = document.pipeline();
        if (p.nodes().isEmpty()) {
            return;
        }
        // each node with the room its markers take above and below it, so that nothing overlaps
        Map<String, Position> positions = new LinkedHashMap<>(LayeredLayout.layout(
                p,
                id -> {
                    Widget w = findWidget(id);
                    Rectangle b = w == null ? null : w.getBounds();
                    java.awt.Dimension d = b == null ? new java.awt.Dimension(200, 100) : b.getSize();
                    int[] room = markerRoom(id);
                    return new java.awt.Dimension(d.width, d.height + room[0] + room[1]);
                },
                id -> 0,
                id -> 0,
                90,
                30,
                40,
                40));
        positions.replaceAll((id, q) -> new Position(q.x(), q.y() + markerRoom(id)[0]));
        document.moveNodes(positions, "Layout");
    }

    /** Default position of a node never placed: a row, in pipeline order. */
    private static Position positionOf(Node n, int index) {
        return n.position() != null ? n.position() : new Position(40 + GRID_X * index, 40);
    }

    private void addNodeWidget(Node n) {
        addNode(n.id());
        VMDNodeWidget w = (VMDNodeWidget) findWidget(n.id());
        Operator op = document.registry().find(n.operatorId()).orElse(null);
        w.setNodeName(n.id());
        if (op == null) {
            w.setNodeType("unknown operator " + n.operatorId() + " " + n.operatorVersion());
            return;
        }
        OperatorDescriptor d = op.descriptor();
        w.setNodeType(d.displayName());
        w.setToolTipText(tooltip(d));
        for (Port in : d.inputs()) {
            pin(n.id(), in.name(), false);
        }
        for (Port out : d.outputs()) {
            pin(n.id(), out.name(), true);
        }
        sortPins(n.id());
    }

    /** The pin of a node's port, created if missing (ports of unknown operators appear as edges need them). */
    private Pin pin(String node, String port, boolean output) {
        Pin pin = new Pin(node, port, output);
        if (!isPin(pin)) {
            addPin(node, pin);
            VMDPinWidget w = (VMDPinWidget) findWidget(pin);
            Port declared = document.operatorOf(node)
                    .flatMap(op -> output
                            ? op.descriptor().output(port)
                            : op.descriptor().input(port))
                    .orElse(null);
            if (declared == null) {
                w.setPinName((output ? "" : "→ ") + port + " (unknown port)" + (output ? " →" : ""));
                w.setForeground(ERROR);
            } else {
                w.setPinName(
                        (output ? "" : "→ ") + port + " : " + declared.type().displayName() + units(declared)
                                + (declared.required() || output ? "" : " (optional)") + (output ? " →" : ""));
                w.setToolTipText((output ? "output " : "input ") + port + " ("
                        + declared.type().displayName() + units(declared) + "): " + declared.description());
            }
            sortPins(node);
        }
        return pin;
    }

    private void sortPins(String node) {
        HashMap<String, List<Widget>> categories = new LinkedHashMap<>();
        List<Widget> ins = new ArrayList<>();
        List<Widget> outs = new ArrayList<>();
        for (Pin p : getNodePins(node)) {
            (p.output() ? outs : ins).add(findWidget(p));
        }
        if (!ins.isEmpty()) {
            categories.put("Inputs", ins);
        }
        if (!outs.isEmpty()) {
            categories.put("Outputs", outs);
        }
        ((VMDNodeWidget) findWidget(node)).sortPins(categories);
        styleLabels(findWidget(node)); // sortPins makes the "Inputs" / "Outputs" labels anew
    }

    private void showProblems(String nodeId) {
        LabelWidget line = stateLines.get(nodeId);
        List<Problem> errors =
                document.problemsOf(nodeId).stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) {
            if (ERROR.equals(line.getForeground())) {
                line.setLabel(" ");
                line.setForeground(Color.DARK_GRAY);
                line.setToolTipText(null);
            }
            return;
        }
        line.setForeground(ERROR);
        line.setLabel(
                "⚠ " + errors.get(0).message() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : ""));
        line.setToolTipText("<html>"
                + errors.stream().map(p -> escape(p.message())).collect(Collectors.joining("<br>")) + "</html>");
    }

    private String problemsText(String edge) {
        return document.problems().stream()
                .filter(p -> p.message().contains(edge))
                .map(Problem::message)
                .collect(Collectors.joining("; "));
    }

    /** A port's quantity and units as " [field in ppm or Hz]", or nothing if it declares neither. */
    static String units(Port<?> port) {
        return port.unitText().isEmpty() ? "" : " [" + port.unitText() + "]";
    }

    /** Operator tooltip: name, description, inputs and outputs with their types, quantities and units. */
    static String tooltip(OperatorDescriptor d) {
        StringBuilder b = new StringBuilder("<html><b>")
                .append(escape(d.displayName()))
                .append("</b> <i>")
                .append(escape(d.id()))
                .append(' ')
                .append(escape(d.version()))
                .append("</i><br>")
                .append(wrap(escape(d.description())))
                .append("<br>");
        for (Port in : d.inputs()) {
            b.append("in <b>")
                    .append(escape(in.name()))
                    .append("</b>: ")
                    .append(escape(in.type().displayName() + units(in)))
                    .append(in.required() ? "" : " (optional)")
                    .append("<br>");
        }
        for (Port out : d.outputs()) {
            b.append("out <b>")
                    .append(escape(out.name()))
                    .append("</b>: ")
                    .append(escape(out.type().displayName() + units(out)))
                    .append("<br>");
        }
        return b.append("</html>").toString();
    }

    private static String wrap(String s) {
        StringBuilder b = new StringBuilder();
        int col = 0;
        for (String word : s.split(" ")) {
            if (col + word.length() > 90) {
                b.append("<br>");
                col = 0;
            }
            b.append(word).append(' ');
            col += word.length() + 1;
        }
        return b.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void say(String message) {
        lastMessage = message;
        status.accept(message);
    }

    // ---- GraphPinScene ---------------------------------------------------------------------------------------------

    @Override
    protected Widget attachNodeWidget(String node) {
        VMDNodeWidget w = new VMDNodeWidget(this, scheme);
        mainLayer.addChild(w);
        LabelWidget state = new LabelWidget(this, " ");
        state.setForeground(Color.DARK_GRAY);
        state.setFont(font);
        state.setUseGlyphVector(true);
        state.setBorder(org.netbeans.api.visual.border.BorderFactory.createEmptyBorder(1, 6, 3, 6));
        w.addChild(state);
        stateLines.put(node, state);
        w.getHeader().getActions().addAction(hoverAction);
        w.getActions().addAction(selectAction);
        w.getActions().addAction(popupAction);
        w.getActions().addAction(moveAction);
        styleLabels(w);
        w.getNodeNameWidget().setFont(font.deriveFont(Font.BOLD));
        return w;
    }

    /**
     * Every label of a widget in the graph's font, drawn as glyph outlines: their size then scales exactly with the
     * zoom, so no label is clipped at zoom levels other than 100 % (hinted text is wider at some sizes than its box).
     */
    private void styleLabels(Widget w) {
        if (w instanceof LabelWidget l) {
            l.setUseGlyphVector(true);
            if (l.getFont() == null || l.getFont().getSize2D() < font.getSize2D()) {
                l.setFont(
                        l.getFont() == null ? font : font.deriveFont(l.getFont().getStyle()));
            }
        }
        for (Widget c : w.getChildren()) {
            styleLabels(c);
        }
    }

    @Override
    protected Widget attachPinWidget(String node, Pin pin) {
        VMDPinWidget w = new VMDPinWidget(this, scheme);
        ((VMDNodeWidget) findWidget(node)).attachPinWidget(w);
        w.getActions().addAction(hoverAction);
        w.getActions().addAction(popupAction);
        if (pin.output()) {
            w.getActions().addAction(pinClickAction);
            w.getActions().addAction(connectAction);
        }
        styleLabels(w);
        return w;
    }

    @Override
    protected Widget attachEdgeWidget(Edge edge) {
        ConnectionWidget c = new EdgeWidget();
        // around the nodes (an edge never runs across a node's text) while the graph is of a size people draw by hand;
        // straight lines for very large generated graphs, where searching routes on every drag would be slow
        c.setRouter(
                document.pipeline().edges().size() <= ORTHOGONAL_EDGES
                        ? RouterFactory.createOrthogonalSearchRouter(mainLayer)
                        : RouterFactory.createDirectRouter());
        c.setTargetAnchorShape(AnchorShape.TRIANGLE_FILLED);
        connectionLayer.addChild(c);
        c.getActions().addAction(hoverAction);
        c.getActions().addAction(selectAction);
        c.getActions().addAction(popupAction);
        return c;
    }

    @Override
    protected void attachEdgeSourceAnchor(Edge edge, Pin oldSource, Pin source) {
        ((ConnectionWidget) findWidget(edge)).setSourceAnchor(source == null ? null : anchorOf(source));
    }

    @Override
    protected void attachEdgeTargetAnchor(Edge edge, Pin oldTarget, Pin target) {
        ((ConnectionWidget) findWidget(edge)).setTargetAnchor(target == null ? null : anchorOf(target));
    }

    private Anchor anchorOf(Pin pin) {
        VMDNodeWidget node = (VMDNodeWidget) findWidget(pin.node());
        return node.createAnchorPin(AnchorFactory.createDirectionalAnchor(
                findWidget(pin), AnchorFactory.DirectionalAnchorKind.HORIZONTAL, 8));
    }

    // ---- gestures --------------------------------------------------------------------------------------------------

    /**
     * Whether a drag from {@code from} may end on {@code to} (what the connect gesture asks while hovering); a refusal's
     * reason goes to the status sink.
     */
    boolean connectable(Pin from, Pin to) {
        if (!from.output() || to.output()) {
            say("connect an output to an input: "
                    + (to.output() ? to.ref() + " is an output" : from.ref() + " is an input"));
            return false;
        }
        var refusal = document.connectionRefusal(from.ref(), to.ref());
        if (refusal.isPresent()) {
            say("cannot connect: " + refusal.get());
            return false;
        }
        say(from.ref() + " → " + to.ref());
        return true;
    }

    /** What the connect gesture does when released on {@code to}: the connection, or the reason it is refused. */
    void connect(Pin from, Pin to) {
        if (!connectable(from, to)) {
            return;
        }
        try {
            document.connect(from.ref(), to.ref());
        } catch (IllegalArgumentException e) {
            say("cannot connect: " + e.getMessage());
        }
    }

    /** Moves every selected node with the dragged one; commits the positions as one edit when the drag ends. */
    private final class SelectionMove implements MoveProvider {
        private final Map<Widget, Point> start = new HashMap<>();
        private Point anchor;

        @Override
        public void movementStarted(Widget widget) {
            moving = true;
            start.clear();
            Object dragged = findObject(widget);
            Set<?> selected = getSelectedObjects().contains(dragged) ? getSelectedObjects() : Set.of(dragged);
            for (Object o : selected) {
                if (o instanceof String id && isNode(id)) {
                    Widget w = findWidget(id);
                    start.put(w, w.getPreferredLocation() != null ? w.getPreferredLocation() : w.getLocation());
                }
            }
            anchor = start.getOrDefault(widget, widget.getLocation());
        }

        @Override
        public void movementFinished(Widget widget) {
            moving = false;
            Map<String, Position> moves = new LinkedHashMap<>();
            for (Widget w : start.keySet()) {
                Point p = w.getPreferredLocation();
                moves.put((String) findObject(w), new Position(p.x, p.y));
            }
            start.clear();
            document.moveNodes(moves);
        }

        @Override
        public Point getOriginalLocation(Widget widget) {
            return anchor;
        }

        @Override
        public void setNewLocation(Widget widget, Point location) {
            int dx = location.x - anchor.x;
            int dy = location.y - anchor.y;
            start.forEach((w, p) -> w.setPreferredLocation(new Point(p.x + dx, p.y + dy)));
        }
    }

    /** Output pin → input pin, through the document's rules. */
    private final class PinConnect implements ConnectProvider {
        @Override
        public boolean isSourceWidget(Widget source) {
            return findObject(source) instanceof Pin p && p.output();
        }

        @Override
        public ConnectorState isTargetWidget(Widget source, Widget target) {
            if (!(findObject(source) instanceof Pin from) || !(findObject(target) instanceof Pin to)) {
                return ConnectorState.REJECT;
            }
            return connectable(from, to) ? ConnectorState.ACCEPT : ConnectorState.REJECT;
        }

        @Override
        public boolean hasCustomTargetWidgetResolver(org.netbeans.api.visual.widget.Scene scene) {
            return false;
        }

        @Override
        public Widget resolveTargetWidget(org.netbeans.api.visual.widget.Scene scene, Point sceneLocation) {
            return null;
        }

        @Override
        public void createConnection(Widget source, Widget target) {
            connect((Pin) findObject(source), (Pin) findObject(target));
        }
    }

    /** Operators dropped from the palette become nodes where they are dropped. */
    private final class PaletteDrop implements AcceptProvider {
        @Override
        public ConnectorState isAcceptable(Widget widget, Point point, Transferable transferable) {
            String id = OperatorTransfer.operatorIdOf(transferable);
            return id != null && document.registry().find(id).isPresent()
                    ? ConnectorState.ACCEPT
                    : ConnectorState.REJECT;
        }

        @Override
        public void accept(Widget widget, Point point, Transferable transferable) {
            String id = OperatorTransfer.operatorIdOf(transferable);
            if (id == null) {
                return;
            }
            Point scenePoint = widget.convertLocalToScene(point);
            try {
                String node = document.addNode(id, new Position(scenePoint.x, scenePoint.y));
                setSelectedObjects(Set.of(node));
            } catch (IllegalArgumentException e) {
                say(e.getMessage());
            }
        }
    }

    /** An edge: 2 px dark line, blue when selected or hovered, red when the validator rejects it. */
    private final class EdgeWidget extends ConnectionWidget {
        private boolean rejected;

        EdgeWidget() {
            super(PipelineScene.this);
            restyle();
        }

        void setRejected(boolean rejected) {
            this.rejected = rejected;
            restyle();
        }

        @Override
        public void notifyStateChanged(ObjectState previous, ObjectState state) {
            super.notifyStateChanged(previous, state);
            restyle();
        }

        private boolean restyling;

        private void restyle() {
            if (restyling) {
                return; // setLineColor notifies the state again
            }
            restyling = true;
            try {
                ObjectState st = getState();
                boolean selected = st.isSelected();
                boolean hovered = st.isHovered() || st.isObjectHovered();
                setLineColor(rejected ? ERROR : selected ? EDGE_SELECTED : hovered ? EDGE_HOVER : EDGE);
                setStroke(new java.awt.BasicStroke(selected || hovered ? 3f : 2f));
            } finally {
                restyling = false;
            }
        }
    }

    /** A click (no drag) on an output pin: hand the pin to the editor, which shows the node's result. */
    private final class PinClick extends WidgetAction.Adapter {
        @Override
        public State mouseClicked(Widget widget, WidgetMouseEvent event) {
            if (event.getButton() == java.awt.event.MouseEvent.BUTTON1
                    && event.getClickCount() == 1
                    && findObject(widget) instanceof Pin pin
                    && pin.output()) {
                outputPinClicked.accept(pin);
                return State.CONSUMED;
            }
            return State.REJECTED;
        }
    }

    // ---- named inputs and outputs (context menus) ------------------------------------------------------------------

    /** The context menu of a widget: output pin, node, marker, or the background. */
    private javax.swing.JPopupMenu popupMenu(Widget widget, Point point) {
        javax.swing.JPopupMenu menu = new javax.swing.JPopupMenu();
        for (javax.swing.Action a : menuActions(widget == this ? null : findObjectOrMarker(widget))) {
            if (a == null) {
                menu.addSeparator();
            } else if (a.getValue(SUBMENU) instanceof List<?> items) {
                javax.swing.JMenu sub = new javax.swing.JMenu((String) a.getValue(javax.swing.Action.NAME));
                for (Object o : items) {
                    sub.add((javax.swing.Action) o);
                }
                sub.setEnabled(!items.isEmpty());
                menu.add(sub);
            } else {
                menu.add(a);
            }
        }
        return menu;
    }

    private Object findObjectOrMarker(Widget w) {
        for (Map.Entry<Marker, LabelWidget> e : markers.entrySet()) {
            if (e.getValue() == w) {
                return e.getKey();
            }
        }
        Object o = findObject(w);
        if (o == null && w.getParentWidget() != null && w.getParentWidget() != this) {
            return findObjectOrMarker(w.getParentWidget());
        }
        return o;
    }

    /** Key of an action holding a submenu's actions (a {@code List<Action>}). */
    static final String SUBMENU = "ferrum.submenu";

    /**
     * The context menu's entries for a graph object (a {@link Pin}, a node id, a {@link Marker}, or null for the
     * background); null entries are separators. Package-private so tests read and run them without a popup.
     */
    List<javax.swing.Action> menuActions(Object object) {
        List<javax.swing.Action> list = new ArrayList<>();
        Pipeline p = document.pipeline();
        if (object instanceof Pin pin && pin.output()) {
            list.add(action("Show result", () -> outputPinClicked.accept(pin)));
            String exposed = p.outputs().entrySet().stream()
                    .filter(e -> e.getValue().equals(pin.ref()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            list.add(action("Expose as pipeline output…", () -> exposeOutput(pin)));
            if (exposed != null) {
                list.add(action("Rename output '" + exposed + "'…", () -> renameMarker(new Marker(exposed, true))));
                list.add(action("Remove output '" + exposed + "'", () -> document.removeOutput(exposed)));
            }
        } else if (object instanceof Pin pin) {
            object = pin.node(); // an input pin: the node's menu
        }
        if (object instanceof String nodeId && isNode(nodeId)) {
            List<javax.swing.Action> params = new ArrayList<>();
            document.operatorOf(nodeId).ifPresent(op -> {
                for (var param : op.descriptor().parameters()) {
                    boolean taken = p.inputs().values().stream()
                            .anyMatch(b ->
                                    b.node().equals(nodeId) && b.parameter().equals(param.name()));
                    javax.swing.Action a = action(
                            param.name() + " (" + param.type().name().toLowerCase(java.util.Locale.ROOT) + ")",
                            () -> exposeInput(nodeId, param.name()));
                    a.setEnabled(!taken);
                    params.add(a);
                }
            });
            javax.swing.Action sub = action("Expose parameter as pipeline input", () -> {});
            sub.putValue(SUBMENU, params);
            list.add(sub);
            List<javax.swing.Action> outs = new ArrayList<>();
            document.operatorOf(nodeId).ifPresent(op -> {
                for (Port port : op.descriptor().outputs()) {
                    outs.add(action(
                            port.name() + " (" + port.type().displayName() + ")",
                            () -> exposeOutput(new Pin(nodeId, port.name(), true))));
                }
            });
            javax.swing.Action subOut = action("Expose as pipeline output", () -> {});
            subOut.putValue(SUBMENU, outs);
            list.add(subOut);
            for (Edge e : p.edgesInto(nodeId)) {
                unitConversionAction(e).ifPresent(list::add);
            }
            list.add(null);
            list.add(action("Delete node", () -> document.removeNodes(List.of(nodeId))));
        } else if (object instanceof Edge e) {
            unitConversionAction(e).ifPresent(list::add);
            list.add(action("Disconnect", () -> document.disconnect(List.of(e))));
        } else if (object instanceof Marker m) {
            list.add(action(
                    "Rename " + (m.output() ? "output" : "input") + " '" + m.name() + "'…", () -> renameMarker(m)));
            list.add(action("Remove " + (m.output() ? "output" : "input") + " '" + m.name() + "'", () -> {
                if (m.output()) {
                    document.removeOutput(m.name());
                } else {
                    document.removeInput(m.name());
                }
            }));
        } else if (object == null) {
            list.add(action("Layout", this::layoutGraph));
        }
        return list;
    }

    /** "Insert unit conversion" for an edge the validator refuses for its units, if a conversion can fix it. */
    private java.util.Optional<javax.swing.Action> unitConversionAction(Edge e) {
        return document.unitConversionTarget(e)
                .map(unit -> action(
                        "Insert unit conversion on " + e + " (to " + unit.symbol() + ")",
                        () -> setSelectedObjects(Set.of(document.insertUnitConversion(e)))));
    }

    private static javax.swing.Action action(String name, Runnable r) {
        return new javax.swing.AbstractAction(name) {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                r.run();
            }
        };
    }

    /** Asks for a name and exposes the output port; a refused name is said on the status line. */
    void exposeOutput(Pin pin) {
        String suggestion = pin.port();
        if (document.outputNameRefusal(suggestion, null).isPresent()) {
            suggestion = pin.node() + "_" + pin.port();
        }
        String name = prompt.ask("Expose as pipeline output", "Output name (the file name in --out):", suggestion);
        if (name == null || name.isEmpty()) {
            return;
        }
        try {
            document.exposeOutput(name, pin.ref());
            say("output '" + name + "' = " + pin.ref());
        } catch (IllegalArgumentException e) {
            say("cannot expose " + pin.ref() + ": " + e.getMessage());
        }
    }

    /** Asks for a name and exposes the node's parameter as a named pipeline input. */
    void exposeInput(String nodeId, String parameter) {
        String suggestion =
                document.inputNameRefusal(parameter, null).isPresent() ? nodeId + "_" + parameter : parameter;
        String name = prompt.ask("Expose as pipeline input", "Input name (--input NAME=VALUE):", suggestion);
        if (name == null || name.isEmpty()) {
            return;
        }
        try {
            document.exposeInput(name, nodeId, parameter, null);
            say("input '" + name + "' sets " + nodeId + "." + parameter);
        } catch (IllegalArgumentException e) {
            say("cannot expose " + nodeId + "." + parameter + ": " + e.getMessage());
        }
    }

    void renameMarker(Marker m) {
        String name = prompt.ask("Rename " + (m.output() ? "output" : "input"), "New name:", m.name());
        if (name == null || name.isEmpty() || name.equals(m.name())) {
            return;
        }
        try {
            if (m.output()) {
                document.renameOutput(m.name(), name);
            } else {
                document.renameInput(m.name(), name);
            }
            say("renamed '" + m.name() + "' to '" + name + "'");
        } catch (IllegalArgumentException e) {
            say("cannot rename: " + e.getMessage());
        }
    }

    /** Bounds of everything drawn, in scene coordinates (for zoom to fit). */
    public Rectangle contentBounds() {
        Rectangle r = null;
        for (Widget w : mainLayer.getChildren()) {
            Rectangle b = w.convertLocalToScene(w.getBounds());
            r = r == null ? b : r.union(b);
        }
        return r == null ? new Rectangle(0, 0, 100, 100) : r;
    }
}
