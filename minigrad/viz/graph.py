"""A neutral picture of an autograd graph: boxes and arrows, as plain strings.

``walk.build_graph`` fills it from minigrad or PyTorch tensors; ``dot.py`` and ``text.py``
turn it into Graphviz DOT and an indented text tree. It holds no tensors or nodes, only
their descriptions, so a drawn graph never keeps a tensor alive.

Edges always point the way gradients flow (from the output back to the leaves);
``dot.py`` reverses them for ``direction="forward"``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# What each kind of tensor is called in a picture: a word, never colour alone.
KIND_WORDS = {
    "trainable": "trainable leaf",
    "constant": "constant",
    "intermediate": "intermediate",
    "frozen": "frozen parameter",
    "detached": "detached",
}

# Edge kinds: how two boxes are related.
NEXT = "next"  # a grad_fn and one of its next_functions: a gradient flows along it
GRAD_FN = "grad_fn"  # a tensor and the node that made it (tensor.grad_fn)
VARIABLE = "variable"  # an AccumulateGrad node and its leaf (node.variable)
NONE = "none"  # a None entry of next_functions: that input needs no gradient
NO_GRAD = "no_grad"  # a node saved this tensor, but sends it no gradient
DETACH = "detach"  # two tensors sharing data: one is detached from the other
MORE = "more"  # an edge into the part of the graph left out (max_nodes)


@dataclass
class TensorBox:
    """A tensor: its name and kind, and the attributes a learner would print."""

    id: str
    kind: str  # a key of KIND_WORDS
    shape: str
    dtype: str
    data: str
    grad: str
    grad_fn: str | None  # the node's name, e.g. "MulBackward0"
    grad_fn_id: str | None  # the id of that node's box, when drawn
    is_leaf: bool
    requires_grad: bool
    retains_grad: bool = False
    version: int = 0
    version_matters: bool = False  # changed in place (parameters' init does not count)
    is_parameter: bool = False
    name: str | None = None
    note: str = ""  # e.g. "shares data with y"
    group: str | None = None  # a module's qualified name (group_by=model)
    highlighted: bool = False

    @property
    def word(self) -> str:
        """``trainable parameter`` / ``intermediate, retains grad`` / ... for the box header."""
        word = KIND_WORDS[self.kind]
        if self.kind == "trainable" and self.is_parameter:
            word = "trainable parameter"
        if self.retains_grad:
            word += ", retains grad"
        return word


@dataclass
class SavedValue:
    """One ``grad_fn._saved_<name>`` entry: its value, or why it cannot be read any more."""

    name: str  # the full attribute name, e.g. "_saved_self"
    text: str
    state: str = "saved"  # "saved", "freed" (after backward) or "modified" (in-place change)
    tensor_id: str | None = None  # the box of the tensor it is, when that tensor is drawn
    shape: str | None = None  # for tensors

    def shown(self, graph: Graph) -> str:
        """``_saved_self = 2.0 (a)``; a big tensor drawn elsewhere by name: ``= x [4, 2]``."""
        if self.state != "saved":
            return f"{self.name}: {self.text}"
        if self.tensor_id is None:
            return f"{self.name} = {self.text}"
        title = graph.title(self.tensor_id)
        if "\n" in self.text or len(self.text) > 16:
            return f"{self.name} = {title} {self.shape}"
        return f"{self.name} = {self.text} ({title})"


@dataclass
class FunctionBox:
    """A node of the backward graph (a ``grad_fn``, or ``AccumulateGrad``)."""

    id: str
    name: str
    saved: list = field(default_factory=list)
    is_accumulate: bool = False
    group: str | None = None
    highlighted: bool = False

    @property
    def freed(self) -> bool:
        return any(value.state == "freed" for value in self.saved)


@dataclass
class NoneBox:
    """A ``(None, 0)`` entry of ``next_functions`` (drawn only with ``show_none=True``)."""

    id: str


@dataclass
class SummaryBox:
    """Stands for the nodes left out past ``max_nodes``."""

    id: str
    count: int
    max_nodes: int


@dataclass
class Edge:
    tail: str
    head: str
    kind: str
    label: str | None = None
    index: int = 0  # position in the tail's next_functions (NEXT and NONE edges)


@dataclass
class Graph:
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)  # module qualified name -> cluster title
    roots: list = field(default_factory=list)  # ids of the tensors passed to draw()
    omitted: int = 0
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def node(self, node_id: str):
        if len(self._index) != len(self.nodes):
            self._index = {node.id: node for node in self.nodes}
        return self._index[node_id]

    def by_name(self, name: str):
        """The tensor box named ``name`` (from params= or a keyword argument)."""
        for node in self.nodes:
            if isinstance(node, TensorBox) and node.name == name:
                return node
        raise KeyError(name)

    def title(self, node_id: str) -> str:
        """How other boxes refer to this one: the tensor's name, or the node's name."""
        node = self.node(node_id)
        if isinstance(node, TensorBox):
            return node.name or node.id
        return getattr(node, "name", node.id)
