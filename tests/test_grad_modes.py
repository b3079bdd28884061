"""Grad modes: ``no_grad``, ``enable_grad``, ``set_grad_enabled``, ``inference_mode``.

One switch decides whether ops record the graph. Each mode sets it on entry and puts the
previous value back on exit, as a context manager or as a decorator.
Checked against PyTorch 2.13.
"""
import pytest

import minigrad


@pytest.fixture
def x():
    return minigrad.tensor([1.0, 2.0], requires_grad=True)


def records(t):
    """Whether an op on ``t`` right now records the graph."""
    return (t * 2).requires_grad


def test_grad_is_enabled_by_default():
    assert minigrad.is_grad_enabled()


def test_no_grad_context_stops_recording(x):
    with minigrad.no_grad():
        assert not minigrad.is_grad_enabled()
        y = x * 2
    assert not y.requires_grad and y.grad_fn is None and y.is_leaf
    assert minigrad.is_grad_enabled()


def test_no_grad_keeps_requires_grad_of_new_leaves():
    with minigrad.no_grad():
        w = minigrad.zeros(2, requires_grad=True)
    assert w.requires_grad  # only ops stop recording; leaves are made as asked


def test_no_grad_as_decorator(x):
    @minigrad.no_grad()
    def double(t):
        return t * 2

    assert not double(x).requires_grad
    assert minigrad.is_grad_enabled()


def test_no_grad_as_decorator_without_parentheses(x):
    @minigrad.no_grad
    def double(t):
        return t * 2

    assert double.__name__ == "double"
    assert not double(x).requires_grad
    assert minigrad.is_grad_enabled()


def test_no_grad_decorates_methods(x):
    class Model:
        @minigrad.no_grad()
        def predict(self, t):
            return records(t)

    assert Model().predict(x) is False


def test_no_grad_decorates_generators():
    @minigrad.no_grad()
    def modes():
        yield minigrad.is_grad_enabled()
        yield minigrad.is_grad_enabled()

    steps = modes()
    assert next(steps) is False
    assert minigrad.is_grad_enabled()  # between steps, the caller's mode
    assert next(steps) is False
    assert list(steps) == []


def test_no_grad_restores_the_mode_after_an_exception():
    with pytest.raises(ValueError), minigrad.no_grad():
        raise ValueError
    assert minigrad.is_grad_enabled()


def test_nested_no_grad_restores_step_by_step():
    with minigrad.no_grad():
        with minigrad.no_grad():
            pass
        assert not minigrad.is_grad_enabled()
    assert minigrad.is_grad_enabled()


def test_enable_grad_inside_no_grad(x):
    with minigrad.no_grad():
        with minigrad.enable_grad():
            assert records(x)
        assert not records(x)


def test_enable_grad_as_decorator(x):
    @minigrad.enable_grad()
    def double(t):
        return t * 2

    @minigrad.enable_grad
    def triple(t):
        return t * 3

    with minigrad.no_grad():
        assert double(x).requires_grad and triple(x).requires_grad
        assert not minigrad.is_grad_enabled()


def test_set_grad_enabled_plain_call(x):
    mode = minigrad.set_grad_enabled(False)  # switches at once, no `with` needed
    try:
        assert type(mode).__name__ == "set_grad_enabled"
        assert not minigrad.is_grad_enabled() and not records(x)
        minigrad.set_grad_enabled(True)
        assert minigrad.is_grad_enabled() and records(x)
    finally:
        minigrad.set_grad_enabled(True)


def test_set_grad_enabled_as_context(x):
    with minigrad.set_grad_enabled(False):
        assert not records(x)
    assert minigrad.is_grad_enabled()
    with minigrad.no_grad():
        with minigrad.set_grad_enabled(True):
            assert records(x)
        assert not minigrad.is_grad_enabled()


def test_set_grad_enabled_as_decorator_does_not_switch_at_definition(x):
    @minigrad.set_grad_enabled(False)
    def double(t):
        return t * 2

    assert minigrad.is_grad_enabled()  # decorating alone changed nothing
    assert not double(x).requires_grad
    assert minigrad.is_grad_enabled()


def test_plain_set_grad_enabled_inside_no_grad_is_undone_on_exit():
    with minigrad.no_grad():
        minigrad.set_grad_enabled(True)
        assert minigrad.is_grad_enabled()
    assert minigrad.is_grad_enabled()  # no_grad restores what it found on entry


def test_inference_mode_stops_recording(x):
    with minigrad.inference_mode():
        assert minigrad.is_inference_mode_enabled()
        assert not minigrad.is_grad_enabled()
        assert not records(x)
    assert not minigrad.is_inference_mode_enabled() and minigrad.is_grad_enabled()


def test_inference_mode_false_changes_nothing(x):
    with minigrad.inference_mode(False):
        assert not minigrad.is_inference_mode_enabled()
        assert records(x)


def test_inference_mode_as_decorator(x):
    @minigrad.inference_mode()
    def with_parentheses(t):
        return minigrad.is_inference_mode_enabled(), records(t)

    @minigrad.inference_mode
    def bare(t):
        return minigrad.is_inference_mode_enabled(), records(t)

    assert with_parentheses(x) == (True, False)
    assert bare(x) == (True, False)
    assert not minigrad.is_inference_mode_enabled()


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
def test_backward_runs_without_recording_unless_create_graph(x):
    modes = []
    x.register_hook(lambda grad: modes.append(minigrad.is_grad_enabled()))
    (x * 2).sum().backward()
    (x * 2).sum().backward(create_graph=True)
    assert modes == [False, True]
    assert minigrad.is_grad_enabled()


def test_autograd_module_exposes_the_modes():
    assert minigrad.autograd.no_grad is minigrad.no_grad
    assert minigrad.autograd.set_grad_enabled is minigrad.set_grad_enabled
