"""One adapter per autograd engine: the few calls in which their APIs differ.

A benchmark writes its model once against an engine ``E``: ``E.leaf(array)`` makes a
parameter, ``E.relu`` and ``E.cross_entropy`` are the functions whose names differ, and
``E.value_and_grad(loss_fn, params)`` runs forward and backward the way each engine's users
do: ``loss.backward()`` for minigrad, PyTorch and MyGrad, ``autograd.value_and_grad`` for
HIPS autograd. Everything else (``@``, ``+``, ``*``, ``.sum()``, ``.mean()``, indexing) is
spelled the same in all of them. micrograd works on Python floats, one ``Value`` per number,
so benchmarks write it out by hand (its adapter only names it).
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

import numpy as np

# Engine keys in table order; "floor" is the hand-written NumPy code of each benchmark.
FLOOR = "floor"
ENGINE_KEYS = ("minigrad", "torch", "mygrad", "autograd", "micrograd")
INSTALL = {
    "torch": "pip install torch==2.13.0",
    "mygrad": "pip install mygrad",
    "autograd": "pip install autograd",
    "micrograd": "pip install micrograd",
}
FLOOR_LABEL = "numpy (floor)"


class Engine:
    """The calls a benchmark needs; subclasses fill them in for one engine."""

    key = ""
    label = ""

    def leaf(self, array):
        """A tensor to differentiate with respect to (a parameter), holding a copy of ``array``."""
        raise NotImplementedError

    def constant(self, array):
        """A tensor that needs no gradient (inputs, labels)."""
        raise NotImplementedError

    def relu(self, x):
        raise NotImplementedError

    def cross_entropy(self, logits, labels):
        """Mean of ``-log softmax(logits)[label]`` over the batch."""
        raise NotImplementedError

    def value_and_grad(self, loss_fn, params) -> tuple:
        """``(loss, grads)``: the loss of ``loss_fn(params)`` and its gradient per parameter."""
        raise NotImplementedError

    def sgd_step(self, params, grads, lr: float) -> None:
        """``p -= lr * g`` in place, outside the graph."""
        raise NotImplementedError

    def vjp(self, fn, x) -> tuple:
        """``(fn(x), pullback)``: ``pullback(grad)`` runs backward and returns d out/d x."""
        raise NotImplementedError


class TorchLike(Engine):
    """minigrad and PyTorch: the same program for both, which is minigrad's whole point."""

    def __init__(self, lib, key: str, label: str):
        self.lib, self.key, self.label = lib, key, label

    def leaf(self, array):
        return self.lib.tensor(array, requires_grad=True)

    def constant(self, array):
        return self.lib.tensor(array)

    def relu(self, x):
        return x.relu()

    def cross_entropy(self, logits, labels):
        return self.lib.nn.functional.cross_entropy(logits, labels)

    def value_and_grad(self, loss_fn, params) -> tuple:
        loss = loss_fn(params)
        for p in params:
            p.grad = None
        loss.backward()
        return loss, [p.grad for p in params]

    def sgd_step(self, params, grads, lr: float) -> None:
        with self.lib.no_grad():
            for p, g in zip(params, grads, strict=True):
                p -= lr * g

    def vjp(self, fn, x) -> tuple:
        out = fn(x)

        def pullback(grad):
            x.grad = None
            out.backward(grad)
            return x.grad

        return out, pullback


class MyGrad(Engine):
    """MyGrad: NumPy arrays inside tensors; ``backward()`` fills ``.grad`` with a NumPy array."""

    key = "mygrad"

    def __init__(self):
        import mygrad

        self.mg = mygrad
        self.label = f"MyGrad {mygrad.__version__}"

    def leaf(self, array):
        return self.mg.tensor(array, copy=True)

    def constant(self, array):
        return self.mg.tensor(array, constant=True)

    def relu(self, x):
        return self.mg.nnet.activations.relu(x)

    def cross_entropy(self, logits, labels):
        log_probs = self.mg.nnet.activations.logsoftmax(logits)
        rows = np.arange(len(labels))
        return -log_probs[rows, np.asarray(labels)].mean()

    def value_and_grad(self, loss_fn, params) -> tuple:
        loss = loss_fn(params)
        loss.backward()  # MyGrad clears old gradients by itself when a tensor is used again
        return loss, [p.grad for p in params]

    def sgd_step(self, params, grads, lr: float) -> None:
        for p, g in zip(params, grads, strict=True):
            p.data -= lr * g

    def vjp(self, fn, x) -> tuple:
        out = fn(x)

        def pullback(grad):
            out.backward(grad)
            return x.grad

        return out, pullback


class HipsAutograd(Engine):
    """HIPS autograd: functions of NumPy arrays, differentiated by tracing each call."""

    key = "autograd"

    def __init__(self):
        import autograd
        import autograd.numpy as anp

        self.autograd, self.anp = autograd, anp
        self.label = f"HIPS autograd {version('autograd')}"

    def leaf(self, array):
        return np.array(array, copy=True)

    def constant(self, array):
        return np.asarray(array)

    def relu(self, x):
        return self.anp.maximum(x, 0)

    def cross_entropy(self, logits, labels):
        # autograd.scipy.special.logsumexp would need SciPy: the same formula with autograd.numpy
        anp = self.anp
        shifted = logits - anp.max(logits, axis=1, keepdims=True)
        log_probs = shifted - anp.log(anp.sum(anp.exp(shifted), axis=1, keepdims=True))
        return -anp.mean(log_probs[np.arange(len(labels)), labels])

    def value_and_grad(self, loss_fn, params) -> tuple:
        return self.autograd.value_and_grad(loss_fn)(params)

    def sgd_step(self, params, grads, lr: float) -> None:
        for p, g in zip(params, grads, strict=True):
            p -= lr * g

    def vjp(self, fn, x) -> tuple:
        pullback, out = self.autograd.make_vjp(fn)(x)
        return out, pullback


class Micrograd(Engine):
    """micrograd: one ``Value`` per scalar; benchmarks write its loops out by hand."""

    key = "micrograd"

    def __init__(self):
        from micrograd import engine, nn

        self.Value, self.nn = engine.Value, nn
        self.label = f"micrograd {version('micrograd')}"


def _minigrad() -> Engine:
    import minigrad

    return TorchLike(minigrad, "minigrad", "minigrad")


def _torch() -> Engine:
    import torch

    torch.set_num_threads(1)  # as BLAS: one thread for every engine
    return TorchLike(torch, "torch", f"PyTorch {torch.__version__.split('+')[0]}")


FACTORIES = {
    "minigrad": _minigrad, "torch": _torch, "mygrad": MyGrad, "autograd": HipsAutograd,
    "micrograd": Micrograd,
}


def installed() -> tuple[dict, dict]:
    """``(engines, missing)``: adapters by key, and for each engine not installed, why."""
    engines, missing = {}, {}
    for key in ENGINE_KEYS:
        try:
            engines[key] = FACTORIES[key]()
        except ImportError as error:
            missing[key] = f"not installed ({error}): {INSTALL.get(key, 'pip install -e .')}"
    return engines, missing


def label_of(key: str) -> str:
    """A row label for an engine that may not be installed."""
    names = {"minigrad": "minigrad", "torch": "PyTorch", "mygrad": "MyGrad",
             "autograd": "HIPS autograd", "micrograd": "micrograd", FLOOR: FLOOR_LABEL}
    return names[key]


def package_versions() -> dict:
    """Versions of everything measured, for the report."""
    found = {}
    for package in ("numpy", "torch", "mygrad", "autograd", "micrograd", "minigrad-lab"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def layers_api(engine: Engine) -> str | None:
    """Why ``nn.Sequential`` + ``optim.SGD`` cannot run on this engine, or None when it can."""
    if not isinstance(engine, TorchLike):
        return f"{engine.label} has no nn.Sequential / optim.SGD"
    for module, name in (("nn", "Sequential"), ("nn", "Linear"), ("nn", "ReLU"),
                         ("optim", "SGD")):
        try:
            getattr(import_module(f"{engine.lib.__name__}.{module}"), name)
        except (ImportError, AttributeError) as error:
            return f"{engine.lib.__name__}.{module}.{name} is not available yet ({error})"
    return None


def sequential_mlp(engine: TorchLike, params):
    """``nn.Sequential(nn.Linear, nn.ReLU, ..., nn.Linear)`` holding the given weights.

    ``params`` are (in, out) weight arrays and biases; ``nn.Linear`` stores (out, in).
    """
    nn = import_module(f"{engine.lib.__name__}.nn")
    layers = []
    for weight, bias in zip(params[::2], params[1::2], strict=True):
        linear = nn.Linear(*weight.shape)
        linear.weight = nn.Parameter(engine.lib.tensor(np.ascontiguousarray(weight.T)))
        linear.bias = nn.Parameter(engine.lib.tensor(bias))
        layers += [linear, nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def sgd(engine: TorchLike, parameters, lr: float):
    return import_module(f"{engine.lib.__name__}.optim").SGD(parameters, lr=lr)
