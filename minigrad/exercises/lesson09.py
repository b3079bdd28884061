"""Checks for lesson 09 · Parameters, Modules and buffers.

Each check takes the learner's answer (a list of names, or a module of minigrad or PyTorch)
and says in one sentence what it got right or which typical mistake it shows.
"""
from __future__ import annotations

from ..translations import translatable
from . import correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["parameter_names", "predict", "registered_stack", "state_dict_keys"]

PARAMETERS = {"embed", "scale", "out.weight", "out.bias"}
STATE = PARAMETERS | {"count"}


def _names(answer):
    """A set of names from a list, tuple or set of strings (or None if it is not one)."""
    if isinstance(answer, dict):
        answer = list(answer)
    if not isinstance(answer, (list, tuple, set)) or not all(isinstance(n, str) for n in answer):
        return None
    return set(answer)


def _common_mistakes(names, right):
    """The sentence for a typical wrong list of ``Tagger``'s names, or None."""
    if any(n.startswith("heads") for n in names):
        return translatable("heads is a Python list: Module does not look inside lists, so "
                            "heads.0.weight and heads.0.bias are never registered.")
    if "last" in names:
        return translatable("last is a plain tensor attribute: a Module neither trains nor "
                            "saves it.")
    if "out" in names:
        return translatable("out is a sub-module, not a tensor: its parameters are listed by "
                            "their full names, out.weight and out.bias.")
    if "scale" not in names and right - names == {"scale"}:
        return translatable("scale is a Parameter with requires_grad=False: frozen, but still "
                            "a registered parameter.")
    return None


def parameter_names(answer):
    """The names ``Tagger().named_parameters()`` lists, in any order.

    Right: ``embed``, ``scale``, ``out.weight``, ``out.bias``: Parameters and the parameters
    of sub-modules; not the buffer ``count``, the plain tensor ``last`` or the listed ``heads``.
    """
    if is_placeholder(answer):
        return placeholder()
    names = _names(answer)
    if names is None:
        return not_yet("give a list of names as strings, e.g. ['embed', ...].")
    if names == PARAMETERS:
        return correct("Parameters and the parameters of sub-modules are registered; the "
                       "buffer, the plain tensor and the layer in a Python list are not.")
    if "count" in names:
        return not_yet("count is a buffer: registered with the module and saved in its "
                       "state_dict, but not a parameter, so the optimizer never sees it.")
    mistake = _common_mistakes(names, PARAMETERS)
    if mistake:
        return not_yet(mistake)
    return not_yet("list every Parameter assigned to the module (frozen ones too) and the "
                   "parameters of its sub-modules, each under its full name.")


def state_dict_keys(answer):
    """The keys of ``Tagger().state_dict()``, in any order.

    Right: the four parameters (``scale`` too, although frozen) and the buffer ``count``.
    """
    if is_placeholder(answer):
        return placeholder()
    names = _names(answer)
    if names is None:
        return not_yet("give a list of keys as strings, e.g. ['embed', ...].")
    if names == STATE:
        return correct("a state_dict holds every parameter, frozen or not, and every "
                       "persistent buffer.")
    if names == PARAMETERS:
        return not_yet("count is missing: buffers are not trained, but they are saved in the "
                       "state_dict (that is what they are for).")
    mistake = _common_mistakes(names, STATE)
    if mistake:
        return not_yet(mistake)
    return not_yet("a state_dict holds the parameters (frozen too) and the buffers, each "
                   "under its full name.")


def registered_stack(answer):
    """A ``Stack`` of three layers (Linear, Tanh, Linear) whose layers are all registered.

    Right: ``parameters()`` gives four tensors, as with ``Stack(nn.ModuleList(layers))``.
    """
    if is_placeholder(answer):
        return placeholder()
    if not hasattr(answer, "named_parameters"):
        return not_yet("give a model: a Stack built from three_layers(), not a list or a "
                       "number.")
    found = [name for name, _ in answer.named_parameters()]
    if not found:
        return not_yet("parameters() is still empty: the layers sit in a Python list, which "
                       "a Module does not look inside; wrap the list in nn.ModuleList.")
    if len(found) == 4:
        return correct("the optimizer now gets all four tensors ({names}), so both Linear "
                       "layers train.", names=", ".join(found))
    return not_yet("the optimizer would get {count} tensors ({names}); the three layers hold "
                   "four (two weights, two biases).", count=len(found), names=", ".join(found))
