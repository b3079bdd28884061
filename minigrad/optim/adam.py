"""``Adam``: per-parameter step sizes from running averages of the gradient and its square."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .. import dtypes
from ..autograd.grad_mode import no_grad
from ..creation import tensor, zeros_like
from .optimizer import Optimizer


def _lerp_(start, end, weight: float):
    """start ← start + weight · (end - start), in place, rounded as PyTorch's ``lerp_``."""
    if abs(weight) < 0.5:
        return start.add_(end - start, alpha=weight)
    one_minus = float(np.float32(1) - np.float32(weight))  # PyTorch computes 1 - w in float32
    difference = end - start
    np.copyto(start._data, end._data - difference._data * np.float32(one_minus))
    start._version_counter.version += 1
    return start


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015), as PyTorch computes it.

    Per step t, for each parameter with a gradient::

        g = grad (+ weight_decay · p, or p ← p · (1 - lr · weight_decay) when decoupled)
        m = β1 · m + (1 - β1) · g          exp_avg: the gradient's running mean
        v = β2 · v + (1 - β2) · g²         exp_avg_sq: its running mean square
        p = p - lr / (1 - β1^t) · m / (√v / √(1 - β2^t) + eps)
    """

    def __init__(
        self,
        params: Iterable,
        lr: float = 1e-3,
        betas: tuple = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not (isinstance(betas[0], float) and isinstance(betas[1], float)):
            raise ValueError(  # PyTorch raises ValueError here, not TypeError
                "betas must be either both floats or both Tensors"
            )
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], float] | None = None):
        loss = self._run_closure(closure)
        with no_grad():
            for group in self.param_groups:
                for p in self._params_with_grad(group):
                    self._update(p, self._state_of(p, group), group)
        return loss

    def _state_of(self, p, group) -> dict:
        state = self.state[p]
        if not state:  # first step with a gradient: averages start at zero
            state["step"] = tensor(0.0, dtype=dtypes.float32)
            state["exp_avg"] = zeros_like(p)
            state["exp_avg_sq"] = zeros_like(p)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = zeros_like(p)
        return state

    def _update(self, p, state, group) -> None:
        lr, (beta1, beta2), weight_decay = group["lr"], group["betas"], group["weight_decay"]
        grad = -p.grad if group["maximize"] else p.grad
        step_t, exp_avg, exp_avg_sq = state["step"], state["exp_avg"], state["exp_avg_sq"]
        step_t.add_(1)
        if weight_decay != 0:
            if group["decoupled_weight_decay"]:  # AdamW: shrink p directly, not through g
                p.mul_(1 - lr * weight_decay)
            else:
                grad = grad + weight_decay * p
        _lerp_(exp_avg, grad, 1 - beta1)
        exp_avg_sq.mul_(beta2).add_((1 - beta2) * grad * grad)
        step = step_t.item()
        bias_correction1 = 1 - beta1**step  # early averages are biased towards 0: undo it
        bias_correction2_sqrt = (1 - beta2**step) ** 0.5
        step_size = lr / bias_correction1
        if group["amsgrad"]:  # use the largest v seen so far
            maximum = state["max_exp_avg_sq"]
            np.maximum(maximum._data, exp_avg_sq._data, out=maximum._data)
            maximum._version_counter.version += 1
            exp_avg_sq = maximum
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(group["eps"])
        p.add_(-step_size * exp_avg / denom)
