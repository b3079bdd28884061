"""In-place ops (``x.exp_()``, ``x += y``, ``x[0] = v``) and the rules that keep them safe.

An in-place op is computed out of place and written back into ``x``'s memory; ``x``'s version
counter goes up, so a node that saved ``x`` before the change refuses to use it (see
``SavedTensor.unpack``). When autograd is watching, ``x`` then becomes the output of the op's
node, as if ``x = op(x)`` had been written.
"""
from __future__ import annotations

import weakref

import numpy as np

from .grad_mode import _state
from .results import is_tensor, tensor_of

DETACH_VIEW_IN_PLACE = (
    "Can't detach views in-place. Use detach() instead. If you are using "
    "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, "
    "gradients are views of DDP buckets, and hence detach_() cannot be called on these "
    "gradients. To fix this error, please refer to the Optimizer.zero_grad() function in "
    "torch/optim/optimizer.py as the solution."
)


def check_inplace(x) -> None:
    """PyTorch refuses in-place changes that would make recorded gradients wrong."""
    if x._inference and not _state.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can "
            "make a clone to get a normal tensor before doing inplace update.See "
            "https://github.com/pytorch/rfcs/pull/17 for more details."
        )
    # Checked only when recording: not under inference_mode, even with enable_grad inside.
    if _state.enabled and x._requires_grad and not _state.inference:
        if x.grad_fn is None:
            raise RuntimeError(
                "a leaf Variable that requires grad is being used in an in-place operation."
            )
        if x._base is not None:
            raise RuntimeError(
                "minigrad does not support in-place operations on views of tensors that "
                "require grad; use the out-of-place op instead (e.g. y = y * 2)."
            )


def apply_inplace(x, op, *args):
    """``x.op_(y)``: compute ``op`` out of place, then write the result into ``x``.

    When autograd is watching, ``x`` takes over the new node as its ``grad_fn``. As in
    PyTorch, the node works on a clone of the old ``x`` (what ``cos_`` saves for backward
    stays valid), yet its edge leads straight to the node that made the old ``x``.
    """
    check_inplace(x)
    recording = _state.enabled and not _state.inference and (  # see check_inplace
        x._requires_grad or any(is_tensor(a) and a._requires_grad for a in args)
    )
    if recording:
        old_edge, retained = (x.grad_fn, x._output_nr), x.retains_grad
        before = x.clone()  # CloneBackward0, seen in grad_fn._saved_self
        result = op(before, *args)
    else:
        result = op(tensor_of(x._data), *args)
    if result._data.dtype != x._data.dtype and not np.can_cast(
        result._data.dtype, x._data.dtype, casting="same_kind"
    ):
        raise RuntimeError(
            f"result type {result.dtype.scalar_name} can't be cast to the desired "
            f"output type {x.dtype.scalar_name}"
        )
    np.copyto(x._data, np.broadcast_to(result._data, x._data.shape), casting="unsafe")
    x._version_counter.version += 1
    if recording:
        _rebase(x, result, before, old_edge, retained)
    return x


def _rebase(x, result, before, old_edge, retained) -> None:
    """Make ``x`` the output of the in-place op's node ``result.grad_fn``."""
    node = result.grad_fn
    if before.grad_fn is not None:  # skip the clone in the graph: old node -> new node
        node.next_functions = tuple(old_edge if edge[0] is before.grad_fn else edge
                                    for edge in node.next_functions)
    x.grad_fn, x._requires_grad = node, True
    if result._output_nr or x._output_nr:
        x._output_nr = result._output_nr
    node._output_refs = (weakref.ref(x),)
    for saved in node._saved:  # an op that saved its result (exp_) now saves x:
        if saved is not None and saved.data is result._data:  # later changes to x count
            saved.rebind(x)
    if retained:  # retain_grad() follows x: its .grad is the gradient of the new value
        del old_edge[0]._retains_grad[old_edge[1]]
        x.retain_grad()
