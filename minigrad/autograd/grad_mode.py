"""Grad modes: switch graph recording off (``no_grad``) and on (``enable_grad``).

Each mode is a context manager and a decorator, as in PyTorch. The switch is per thread:
``no_grad`` in one thread leaves the others recording, and a new thread starts with grad
enabled, whatever mode the thread that started it is in.
"""
from __future__ import annotations

import functools
import inspect
import threading


class _State(threading.local):
    """Whether ops record the graph right now, in this thread.

    The class attributes are every thread's starting values; a thread that switches a mode
    gets its own copy of that attribute, which other threads do not see.
    """

    enabled = True
    inference = False


_state = _State()


def is_grad_enabled() -> bool:
    return _state.enabled


def is_inference_mode_enabled() -> bool:
    return _state.inference


class _GradMode:
    """Shared machinery: set the switch on entry, restore it on exit; usable as a decorator."""

    enabled = True

    def __enter__(self):
        self._previous = (_state.enabled, _state.inference)
        _state.enabled = self.enabled
        return self

    def __exit__(self, *exc):
        _state.enabled, _state.inference = self._previous
        return False

    def __call__(self, fn):
        if inspect.isgeneratorfunction(fn):
            return self._wrap_generator(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.clone():
                return fn(*args, **kwargs)

        return wrapper

    def _wrap_generator(self, fn):
        """A generator's body runs at each ``next()``, so the mode is set around every step."""

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            generator = fn(*args, **kwargs)
            value = None
            while True:
                with self.clone():
                    try:
                        item = generator.send(value)
                    except StopIteration as stop:
                        return stop.value
                try:
                    value = yield item
                except GeneratorExit:
                    generator.close()
                    raise

        return wrapper

    def clone(self):
        return self.__class__()


class _NoArgumentMode(_GradMode):
    """A mode without arguments also decorates bare: ``@no_grad`` works like ``@no_grad()``."""

    def __new__(cls, orig_func=None):
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)


class no_grad(_NoArgumentMode):
    """Ops inside do not record the graph: results have ``requires_grad=False``."""

    enabled = False


class enable_grad(_NoArgumentMode):
    """Record the graph again, even inside ``no_grad``."""

    enabled = True


class set_grad_enabled(_GradMode):
    """``set_grad_enabled(False)`` works like ``no_grad()``; called plainly, it switches too."""

    def __init__(self, mode: bool):
        self.enabled = bool(mode)
        self._previous = (_state.enabled, _state.inference)
        _state.enabled = self.enabled  # PyTorch switches right away, even without `with`

    def __enter__(self):  # already switched in __init__
        return self

    def __call__(self, fn):  # used as a decorator: undo the switch made by __init__
        _state.enabled, _state.inference = self._previous
        return super().__call__(fn)

    def clone(self):
        return self.__class__(self.enabled)


class inference_mode(_GradMode):
    """Like ``no_grad``; tensors made inside are marked as inference tensors."""

    def __new__(cls, mode=True):
        if isinstance(mode, bool):
            return super().__new__(cls)
        return cls()(mode)  # used bare, as ``@inference_mode``

    def __init__(self, mode: bool = True):
        self.mode = bool(mode)
        self.enabled = not self.mode

    def __enter__(self):
        super().__enter__()
        _state.inference = self.mode
        return self

    def __call__(self, fn):
        if isinstance(fn, bool):  # @inference_mode(False) style handled by __init__
            return self.__class__(fn)
        return super().__call__(fn)

    def clone(self):
        return self.__class__(self.mode)
