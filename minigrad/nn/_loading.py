"""``Module.load_state_dict``: check every key and shape first, then copy.

PyTorch reports problems with PyTorch's words (missing keys, unexpected keys, size
mismatches), and so does minigrad. Unlike PyTorch, minigrad copies nothing when any check
fails, so a failed load never leaves a model half-loaded.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping

from ..autograd.grad_mode import no_grad
from ..tensor import Tensor
from .parameter import Parameter


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What ``load_state_dict`` returns: the keys that did not match (empty when all did)."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return (
            f"_IncompatibleKeys(missing_keys={self.missing_keys}, "
            f"unexpected_keys={self.unexpected_keys})"
        )

    __str__ = __repr__


def _local_state(module) -> dict:
    """A module's own parameters and persistent buffers (what its state_dict entries name)."""
    state = {name: p for name, p in module._parameters.items() if p is not None}
    state.update(
        (name, b)
        for name, b in module._buffers.items()
        if b is not None and name not in module._non_persistent_buffers_set
    )
    return state


def _check_module(module, prefix, state_dict, plan, report) -> None:
    """Compare one module's own entries with ``state_dict``; add copies to ``plan``."""
    missing, unexpected, errors = report
    local = _local_state(module)
    for name, target in local.items():
        key = prefix + name
        if key not in state_dict:
            missing.append(key)
            continue
        value = state_dict[key]
        if not isinstance(value, Tensor):
            errors.append(
                f'While copying the parameter named "{key}", expected torch.Tensor or '
                f"Tensor-like object from checkpoint but received {type(value)}"
            )
        elif value.shape != target.shape:
            errors.append(
                f"size mismatch for {key}: copying a param with shape {value.shape} from "
                f"checkpoint, the shape in current model is {target.shape}."
            )
        else:
            plan.append((module, name, target, value))
    for key in state_dict:
        if not key.startswith(prefix):
            continue
        first, *rest = key[len(prefix) :].split(".", 1)
        known = module._modules if rest else local  # "child.x" belongs to the child to judge
        if first not in known:
            unexpected.append(key)


def load_state_dict(model, state_dict, strict: bool = True, assign: bool = False):
    if not isinstance(state_dict, Mapping):
        raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
    report = ([], [], [])  # missing keys, unexpected keys, other errors
    plan: list = []
    for prefix, module in model.named_modules(remove_duplicate=False):
        _check_module(module, prefix + "." if prefix else "", state_dict, plan, report)
    missing, unexpected, errors = report
    if strict:
        if unexpected:
            errors.insert(
                0,
                "Unexpected key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in unexpected)
                ),
            )
        if missing:
            errors.insert(
                0, "Missing key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing))
            )
    if errors:
        raise RuntimeError(
            f"Error(s) in loading state_dict for {type(model).__name__}:\n\t" + "\n\t".join(errors)
        )
    with no_grad():  # every check passed: now copy, all or nothing
        for module, name, target, value in plan:
            if not assign:
                target.copy_(value)
            elif name in module._parameters:
                keep = (
                    value
                    if isinstance(value, Parameter)
                    else Parameter(value, target.requires_grad)
                )
                module._parameters[name] = keep
            else:
                module._buffers[name] = value
    return _IncompatibleKeys(missing, unexpected)
