package org.ferrum.pipeline.editor;

import java.awt.Color;
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
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.Port;
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
import org.netbeans.api.visual.router.RouterFactory;
import org.netbeans.api.visual.vmd.VMDColorScheme;
import org.netbeans.api.visual.vmd.VMDConnectionWidget;
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

    private static final Color ERROR = new Color(0xC6, 0x28, 0x28);
    private static final int GRID_X = 240;

    private final PipelineDocument document;
    private final VMDColorScheme scheme = VMDFactory.getOriginalScheme();
    private final LayerWidget backgroundLayer = new LayerWidget(this);
    private final LayerWidget mainLayer = new LayerWidget(this);
    private final LayerWidget connectionLayer = new LayerWidget(this);
    private final LayerWidget interactionLayer = new LayerWidget(this);
    private final WidgetAction moveAction = ActionFactory.createMoveAction(null, new SelectionMove());
    private final WidgetAction connectAction = ActionFactory.createConnectAction(interactionLayer, new PinConnect());
    private final WidgetAction hoverAction = createObjectHoverAction();
    private final WidgetAction selectAction = createSelectAction();
    private final Map<String, LabelWidget> stateLines = new HashMap<>();
    private Consumer<String> status = s -> { };
    private String lastMessage = "";
    private boolean moving;

    public PipelineScene(PipelineDocument document) {
        this.document = Objects.requireNonNull(document);
        addChild(backgroundLayer);
        addChild(mainLayer);
        addChild(connectionLayer);
        addChild(interactionLayer);
        getActions().addAction(ActionFactory.createRectangularSelectAction(this, backgroundLayer));
        getActions().addAction(ActionFactory.createMouseCenteredZoomAction(1.15));
        getActions().addAction(ActionFactory.createPanAction());
        getActions().addAction(ActionFactory.createWheelPanAction());
        getActions().addAction(ActionFactory.createAcceptAction(new PaletteDrop()));
        document.addChangeListener(e -> sync());
        sync();
    }

    public PipelineDocument document() {
        return document;
    }

    /** Where messages for the user go (refused connections, failed drops): the editor's status line. */
    public void setStatusSink(Consumer<String> sink) {
        this.status = sink == null ? s -> { } : sink;
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
        return document.pipeline().nodes().stream().map(Node::id).filter(sel::contains).toList();
    }

    /** The selected edges. */
    public List<Edge> selectedEdges() {
        return getSelectedObjects().stream().filter(Edge.class::isInstance).map(Edge.class::cast).toList();
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
            Position q = positionOf(p.node(id).orElseThrow(), p.nodes().indexOf(p.node(id).orElseThrow()));
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
            c.setLineColor(rejected.contains(e) ? ERROR : null);
            c.setToolTipText(rejected.contains(e) ? problemsText(e.toString()) : e.toString());
        }
        for (Node n : p.nodes()) {
            showProblems(n.id());
        }
        validate();
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
                    .flatMap(op -> output ? op.descriptor().output(port) : op.descriptor().input(port)).orElse(null);
            if (declared == null) {
                w.setPinName((output ? "" : "→ ") + port + " (unknown port)" + (output ? " →" : ""));
                w.setForeground(ERROR);
            } else {
                w.setPinName((output ? "" : "→ ") + port + " : " + declared.type().displayName()
                        + (declared.required() || output ? "" : " (optional)") + (output ? " →" : ""));
                w.setToolTipText((output ? "output " : "input ") + port + " (" + declared.type().displayName() + "): "
                        + declared.description());
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
    }

    private void showProblems(String nodeId) {
        LabelWidget line = stateLines.get(nodeId);
        List<Problem> errors = document.problemsOf(nodeId).stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) {
            if (ERROR.equals(line.getForeground())) {
                line.setLabel(" ");
                line.setForeground(Color.DARK_GRAY);
                line.setToolTipText(null);
            }
            return;
        }
        line.setForeground(ERROR);
        line.setLabel("⚠ " + errors.get(0).message() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : ""));
        line.setToolTipText("<html>" + errors.stream().map(p -> escape(p.message())).collect(Collectors.joining("<br>")) + "</html>");
    }

    private String problemsText(String edge) {
        return document.problems().stream().filter(p -> p.message().contains(edge)).map(Problem::message)
                .collect(Collectors.joining("; "));
    }

    /** Operator tooltip: name, description, inputs and outputs with their types. */
    static String tooltip(OperatorDescriptor d) {
        StringBuilder b = new StringBuilder("<html><b>").append(escape(d.displayName())).append("</b> <i>")
                .append(escape(d.id())).append(' ').append(escape(d.version())).append("</i><br>")
                .append(wrap(escape(d.description()))).append("<br>");
        for (Port in : d.inputs()) {
            b.append("in <b>").append(escape(in.name())).append("</b>: ").append(escape(in.type().displayName()))
                    .append(in.required() ? "" : " (optional)").append("<br>");
        }
        for (Port out : d.outputs()) {
            b.append("out <b>").append(escape(out.name())).append("</b>: ").append(escape(out.type().displayName())).append("<br>");
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
        state.setBorder(org.netbeans.api.visual.border.BorderFactory.createEmptyBorder(1, 6, 3, 6));
        w.addChild(state);
        stateLines.put(node, state);
        w.getHeader().getActions().addAction(hoverAction);
        w.getActions().addAction(selectAction);
        w.getActions().addAction(moveAction);
        return w;
    }

    @Override
    protected Widget attachPinWidget(String node, Pin pin) {
        VMDPinWidget w = new VMDPinWidget(this, scheme);
        ((VMDNodeWidget) findWidget(node)).attachPinWidget(w);
        w.getActions().addAction(hoverAction);
        if (pin.output()) {
            w.getActions().addAction(connectAction);
        }
        return w;
    }

    @Override
    protected Widget attachEdgeWidget(Edge edge) {
        VMDConnectionWidget c = new VMDConnectionWidget(this, scheme);
        c.setRouter(RouterFactory.createDirectRouter());
        c.setTargetAnchorShape(AnchorShape.TRIANGLE_FILLED);
        connectionLayer.addChild(c);
        c.getActions().addAction(hoverAction);
        c.getActions().addAction(selectAction);
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
        return node.createAnchorPin(AnchorFactory.createDirectionalAnchor(findWidget(pin),
                AnchorFactory.DirectionalAnchorKind.HORIZONTAL, 8));
    }

    // ---- gestures --------------------------------------------------------------------------------------------------

    /**
     * Whether a drag from {@code from} may end on {@code to} (what the connect gesture asks while hovering); a refusal's
     * reason goes to the status sink.
     */
    boolean connectable(Pin from, Pin to) {
        if (!from.output() || to.output()) {
            say("connect an output to an input: " + (to.output() ? to.ref() + " is an output" : from.ref() + " is an input"));
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
            return id != null && document.registry().find(id).isPresent() ? ConnectorState.ACCEPT : ConnectorState.REJECT;
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
