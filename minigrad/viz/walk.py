"""Walk an autograd graph into a ``graph.Graph``: the same walk for minigrad and PyTorch.

Everything is read the way a learner would read it, through PyTorch's public names:
``tensor.grad_fn``, ``node.next_functions``, ``node.variable`` (AccumulateGrad's leaf),
``node._saved_*``. minigrad nodes also keep weak references to the tensors they made
(``node._output_refs``), so minigrad pictures show the intermediate tensors still alive;
PyTorch's nodes do not, so there only tensors passed to ``draw`` by name show up.

Box ids come from the walk order (``t1``, ``f1``, ...), never from ``id()``: the same graph
always gives the same ids, so stored notebook outputs compare.
"""
from __future__ import annotations

from . import values
from .graph import (
    DETACH,
    GRAD_FN,
    MORE,
    NEXT,
    NO_GRAD,
    NONE,
    VARIABLE,
    Edge,
    FunctionBox,
    Graph,
    NoneBox,
    SavedValue,
    SummaryBox,
    TensorBox,
)

SUMMARY_ID = "more"
ROOT_NAME = "output"  # what an unnamed root is called: it is what backward() starts from


def build_graph(roots, names=(), *, show_none=False, max_nodes=300,
                state=None) -> tuple[Graph, _Walker]:
    """Walk from ``roots`` (and the named tensors); returns the graph and the walker.

    The walker still holds the tensors and nodes, for ``annotate`` to match highlights,
    edge labels and modules against; drop it as soon as that is done. ``state`` says how
    the walk reads what backward changes (``LiveState``: as it is now).
    """
    walker = _Walker(names, show_none, max_nodes, state or LiveState())
    for root in roots:
        walker.add_root(root)
    for tensor in walker.named:  # named tensors not reached from the roots: draw them too
        walker.add_root(tensor, is_root=False)
    walker.name_roots()
    walker.link_tensors()
    return walker.graph, walker


class LiveState:
    """What a walk reads that backward changes, read from the objects as they are now.

    Three things in a picture change while backward runs: a tensor's box (its ``.grad``),
    what a node saved (freed once it ran, without ``retain_graph``), and which outputs of a
    node still exist (one kept alive only by saved tensors goes when they are freed).
    ``draw`` reads them live; ``replay.GraphHistory`` gives them as they were at a step.
    """

    def tensor_box(self, box_id: str, tensor) -> TensorBox:
        return describe_tensor(box_id, tensor)

    def saved_values(self, node) -> list:
        return read_saved_values(node)

    def outputs(self, node) -> list:
        """The node's outputs that are still alive (weak references: drawing keeps none)."""
        alive = (ref() for ref in getattr(node, "_output_refs", ()))
        return [tensor for tensor in alive if tensor is not None]


class _Walker:
    """Depth-first walk (a loop with a stack: graphs can be thousands of nodes deep)."""

    def __init__(self, names, show_none: bool, max_nodes: int, state: LiveState):
        self.graph = Graph()
        self.state = state
        self.show_none, self.max_nodes = show_none, max_nodes
        self.names: dict[int, str] = {}  # id(tensor) -> name
        self.named: list = []  # the named tensors, in naming order
        for name, tensor in names:
            if id(tensor) not in self.names:
                self.names[id(tensor)] = name
                self.named.append(tensor)
        self.made_by: dict[int, list] = {}  # id(grad_fn) -> named tensors it made
        for tensor in self.named:
            if tensor.grad_fn is not None:
                self.made_by.setdefault(id(tensor.grad_fn), []).append(tensor)
        self.box_of: dict[int, str] = {}  # id(tensor or node) -> its box id
        self.object_of: dict[str, object] = {}  # box id -> tensor or node
        self.seen: set[int] = set()
        self.keep: list = []  # everything visited stays alive during the walk: ids stay unique
        self.saved: list = []  # (box id, SavedValue, saved tensor) to match with drawn tensors
        self.drawn = 0
        self.counters = {"t": 0, "f": 0, "n": 0}

    # ----- boxes -----------------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]}"

    def _claim(self, obj) -> bool:
        """Mark ``obj`` visited; True when it gets a box (False: seen, or past max_nodes)."""
        if id(obj) in self.seen:
            return False
        self.seen.add(id(obj))
        self.keep.append(obj)
        if self.drawn >= self.max_nodes:
            self.graph.omitted += 1
            return False
        self.drawn += 1
        return True

    def _register(self, box, obj) -> str:
        self.graph.nodes.append(box)
        self.box_of[id(obj)] = box.id
        self.object_of[box.id] = obj
        return box.id

    def add_tensor(self, tensor) -> str | None:
        if not self._claim(tensor):
            return self.box_of.get(id(tensor))
        box = self.state.tensor_box(self._new_id("t"), tensor)
        box.name = self.names.get(id(tensor))
        box_id = self._register(box, tensor)
        if tensor.grad_fn is not None:
            self._edge(box_id, tensor.grad_fn, GRAD_FN)
        return box_id

    def add_root(self, tensor, is_root: bool = True) -> None:
        box_id = self.add_tensor(tensor)
        if is_root and box_id is not None and box_id not in self.graph.roots:
            self.graph.roots.append(box_id)
        if tensor.grad_fn is not None:
            self.walk_from(tensor.grad_fn)

    def name_roots(self) -> None:
        """Unnamed roots are called ``output`` (then ``output2``, ...), never by their box id."""
        taken = {box.name for box in self.graph.nodes if isinstance(box, TensorBox)}
        number = 1
        for box_id in self.graph.roots:
            box = self.graph.node(box_id)
            while box.name is None:
                name = ROOT_NAME if number == 1 else f"{ROOT_NAME}{number}"
                number += 1
                if name not in taken:
                    box.name = name

    def _edge(self, tail: str, head, kind: str, index: int = 0) -> None:
        """An edge whose head is an object: resolved to a box id by ``link_tensors``."""
        self.graph.edges.append(Edge(tail, head, kind, index=index))

    # ----- the walk ----------------------------------------------------------------------------

    def walk_from(self, start) -> None:
        stack = [start]
        while stack:
            node = stack.pop()
            if id(node) in self.seen:
                continue
            box_id = None
            if self._claim(node):
                box_id = self._register(self._describe_node(node), node)
            children = list(node.next_functions)
            for tensor in self._tensors_of(node):  # count them even past max_nodes
                self.add_tensor(tensor)
                if box_id is not None and hasattr(node, "variable"):
                    self._edge(box_id, tensor, VARIABLE)
            if box_id is not None:
                for index, (child, _) in enumerate(children):
                    if child is not None:
                        self._edge(box_id, child, NEXT, index)
                    elif self.show_none:
                        none_id = self._new_id("n")
                        self.graph.nodes.append(NoneBox(none_id))
                        self.graph.edges.append(Edge(box_id, none_id, NONE, index=index))
            stack.extend(child for child, _ in reversed(children) if child is not None)

    def _tensors_of(self, node) -> list:
        """The leaf of an AccumulateGrad; otherwise the node's outputs that are still alive."""
        if hasattr(node, "variable"):
            return [node.variable]
        outputs = list(self.made_by.get(id(node), ()))
        for tensor in self.state.outputs(node):
            if not any(tensor is known for known in outputs):
                outputs.append(tensor)
        if len(outputs) < 2:
            return outputs
        rank = {id(t): i for i, t in enumerate(self.named)}
        return sorted(outputs, key=lambda t: (t.output_nr, rank.get(id(t), len(rank))))

    def _describe_node(self, node) -> FunctionBox:
        box = FunctionBox(self._new_id("f"), node_name(node),
                          is_accumulate=hasattr(node, "variable"))
        for saved, value in self.state.saved_values(node):
            self._add_saved(box, saved, value)
        return box

    def _add_saved(self, box: FunctionBox, saved: SavedValue, value) -> None:
        box.saved.append(saved)
        for tensor in _tensors_in(value):
            self.saved.append((box.id, saved, tensor))

    # ----- after the walk ----------------------------------------------------------------------

    def link_tensors(self) -> None:
        """Tell detached tensors apart, match saved tensors to boxes, resolve edge heads."""
        tensors = [(box, self.object_of[box.id]) for box in self.graph.nodes
                   if isinstance(box, TensorBox)]
        by_data: dict = {}
        for box, tensor in tensors:
            key = values.data_key(tensor)
            if box.requires_grad and key is not None:
                by_data.setdefault(key, box)
        for box, tensor in tensors:
            source = by_data.get(values.data_key(tensor)) if box.kind == "constant" else None
            if source is not None:
                box.kind, box.note = "detached", f"shares data with {self.graph.title(source.id)}"
                self.graph.edges.append(Edge(source.id, box.id, DETACH))
        self._match_saved(tensors)
        self._resolve_heads()
        modified = any(saved.state == "modified" for box in self.graph.nodes
                       for saved in getattr(box, "saved", ()))
        for box, tensor in tensors:  # initialising a parameter in place is not worth a line
            base = getattr(tensor, "_base", None)  # a view shares its base's version counter
            initialised = box.is_parameter or (base is not None and values.is_parameter(base))
            box.version_matters = box.version > 0 and (modified or not initialised)

    def _match_saved(self, tensors) -> None:
        """``_saved_self = 2.0 (a)``: which drawn tensor each saved tensor is."""
        by_id = {id(tensor): box for box, tensor in tensors}
        by_data: dict = {}
        for box, tensor in tensors:
            by_data.setdefault(values.data_key(tensor), []).append((box, tensor))
        linked = set()
        for node_id, saved, value in self.saved:
            match = by_id.get(id(value)) or _same_data(value, by_data)
            if match is None:
                continue
            saved.tensor_id = match.id
            if not match.requires_grad and (node_id, match.id) not in linked:
                linked.add((node_id, match.id))  # used here, but no gradient comes back
                self.graph.edges.append(Edge(node_id, match.id, NO_GRAD))

    def _resolve_heads(self) -> None:
        edges, into_summary = [], set()
        for edge in self.graph.edges:
            if isinstance(edge.head, str):
                edges.append(edge)
                continue
            head = self.box_of.get(id(edge.head))
            if head is None:  # past max_nodes: one arrow into the summary box per node
                if edge.tail in into_summary:
                    continue
                into_summary.add(edge.tail)
                edge.kind, head = MORE, SUMMARY_ID
            edge.head = head
            edges.append(edge)
            if edge.kind == GRAD_FN and head != SUMMARY_ID:
                self.graph.node(edge.tail).grad_fn_id = head
        self.graph.edges = edges
        if self.graph.omitted:
            self.graph.nodes.append(SummaryBox(SUMMARY_ID, self.graph.omitted, self.max_nodes))

    def object_for(self, box_id: str):
        return self.object_of.get(box_id)


def node_name(node) -> str:
    """``MulBackward0``; ``AccumulateGrad`` for PyTorch's ``torch::autograd::AccumulateGrad``."""
    return node.name().removeprefix("torch::autograd::")


def describe_tensor(box_id: str, tensor) -> TensorBox:
    """A box for one tensor, with its kind: trainable, constant, intermediate or frozen."""
    grad_fn = tensor.grad_fn
    if grad_fn is not None:
        kind = "intermediate"
    elif tensor.requires_grad:
        kind = "trainable"
    else:
        kind = "frozen" if values.is_parameter(tensor) else "constant"  # detached: decided later
    return TensorBox(
        id=box_id, kind=kind, shape=values.shape_text(tensor), dtype=values.dtype_text(tensor),
        data=values.format_array(values.to_numpy(tensor)),
        grad=grad_text(values.grad_of(tensor)),
        grad_fn=None if grad_fn is None else node_name(grad_fn), grad_fn_id=None,
        is_leaf=bool(tensor.is_leaf), requires_grad=bool(tensor.requires_grad),
        retains_grad=bool(getattr(tensor, "retains_grad", False)),
        version=version_of(tensor), is_parameter=values.is_parameter(tensor),
    )


def version_of(tensor) -> int:
    """``tensor._version``; 0 for an inference tensor, which keeps no counter (both libraries)."""
    try:
        return int(tensor._version)
    except RuntimeError:
        return 0


def grad_text(grad) -> str:
    """What a tensor box says after ``grad =``."""
    return "None" if grad is None else values.format_array(values.to_numpy(grad))


def read_saved_values(node) -> list[tuple[SavedValue, object]]:
    """What ``node`` saved for backward: ``(description, value)`` pairs, in drawing order."""
    pairs = [
        read_saved(node, attribute) for attribute in sorted(dir(node), key=_saved_order)
        # minigrad's nodes keep their plain saved values in a dict named _saved_attributes;
        # each is also offered as its own _saved_<name>.
        if attribute.startswith("_saved_") and attribute != "_saved_attributes"
    ]
    if not pairs and "saved_tensors" in dir(node):  # a custom Function's ctx
        saved, value = read_saved(node, "saved_tensors")
        if saved.state != "saved":
            pairs.append((saved, None))
        for index, tensor in enumerate(value or ()):
            pairs.append(_saved_tensor(f"saved_tensors[{index}]", tensor))
    return pairs


def read_saved(node, attribute: str) -> tuple[SavedValue, object]:
    """Read ``node._saved_x``; after a backward without retain_graph it raises: say "freed"."""
    try:
        value = getattr(node, attribute)
    except RuntimeError as error:
        message = str(error)
        if "second time" in message:
            return SavedValue(attribute, "freed", "freed"), None
        if "modified by an inplace operation" in message:
            return SavedValue(attribute, "modified in place", "modified"), None
        return SavedValue(attribute, "unreadable", "unreadable"), None
    if isinstance(value, (tuple, list)) and any(values.is_tensor(v) for v in value):
        text = "(" + ", ".join(
            values.shape_text(v) if values.is_tensor(v) else repr(v) for v in value) + ")"
        return SavedValue(attribute, text), value
    return _saved_tensor(attribute, value)


def _saved_tensor(attribute: str, value) -> tuple[SavedValue, object]:
    shape = values.shape_text(value) if values.is_tensor(value) else None
    return SavedValue(attribute, values.format_value(value), shape=shape), value


def _saved_order(attribute: str) -> tuple:
    """``_saved_self`` first (the op's first input), then the rest alphabetically."""
    return (not attribute.startswith("_saved_self"), attribute)


def _tensors_in(value) -> list:
    if values.is_tensor(value):
        return [value]
    if isinstance(value, (tuple, list)):
        return [v for v in value if values.is_tensor(v)]
    return []


def _same_data(saved, by_data: dict) -> TensorBox | None:
    """The drawn tensor whose memory a saved tensor (not the same object) is.

    A node's saved *output* comes back as a new tensor object (in minigrad and PyTorch):
    it is matched by its memory and its grad_fn. Tensors that require no gradient are
    matched by memory alone (a frozen weight saved transposed is still that weight).
    """
    key = values.data_key(saved)
    if key is None:
        return None
    for box, tensor in by_data.get(key, ()):
        same_node = tensor.grad_fn is not None and tensor.grad_fn is saved.grad_fn
        if same_node or not (tensor.requires_grad or saved.requires_grad):
            return box
    return None
