"""Grad modes: ``no_grad``, ``enable_grad``, ``set_grad_enabled``, ``inference_mode``.

One switch per thread decides whether ops record the graph. Each mode sets it on entry and
puts the previous value back on exit, as a context manager or as a decorator.
Checked against PyTorch 2.13.
"""
import threading

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


def test_enable_grad_inside_inference_mode_records_no_built_in_op(x):
    with minigrad.inference_mode(), minigrad.enable_grad():
        assert minigrad.is_grad_enabled() and minigrad.is_inference_mode_enabled()
        assert not records(x)  # PyTorch's built-in ops stay unrecorded there
        x.mul_(2)  # so an in-place change of a leaf that requires grad is allowed
    assert x.tolist() == [2.0, 4.0] and x.is_leaf


# ----- one switch per thread -----------------------------------------------------------------


def in_thread(fn):
    """``fn()`` run in a new thread; its result once the thread has finished."""
    results = []
    thread = threading.Thread(target=lambda: results.append(fn()))
    thread.start()
    thread.join()
    return results[0]


def test_a_new_thread_starts_with_grad_enabled_whatever_mode_started_it(x):
    for mode in (minigrad.no_grad(), minigrad.inference_mode(), minigrad.set_grad_enabled(False)):
        with mode:
            there = in_thread(lambda: (minigrad.is_grad_enabled(),
                                       minigrad.is_inference_mode_enabled(), records(x)))
            assert not minigrad.is_grad_enabled()
        assert there == (True, False, True)


def test_no_grad_in_one_thread_leaves_another_recording(x):
    inside, release = threading.Event(), threading.Event()
    seen = []

    def worker():
        with minigrad.no_grad():
            inside.set()
            release.wait()
            seen.append(records(x))

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait()
    assert minigrad.is_grad_enabled() and records(x)  # while the worker is inside no_grad
    release.set()
    thread.join()
    assert seen == [False]


def test_many_threads_switching_at_once_never_see_each_others_mode(x):
    errors = []

    def worker(enabled):
        for _ in range(200):
            with minigrad.set_grad_enabled(enabled):
                if records(x) is not enabled or minigrad.is_grad_enabled() is not enabled:
                    errors.append(enabled)

    threads = [threading.Thread(target=worker, args=(i % 2 == 0,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert minigrad.is_grad_enabled()


def test_backward_in_a_thread_records_only_with_create_graph(x):
    modes = []
    x.register_hook(lambda grad: modes.append(minigrad.is_grad_enabled()))
    loss = (x * x).sum()
    with minigrad.no_grad():
        in_thread(loss.backward)
    assert modes == [False] and x.grad.tolist() == [2.0, 4.0]
    assert minigrad.is_grad_enabled()


def test_numpy_of_a_tensor_that_requires_grad_only_under_no_grad(x):
    with pytest.raises(RuntimeError, match="^Can't call numpy\\(\\) on Tensor that requires grad"):
        x.numpy()
    with minigrad.no_grad():
        array = x.numpy()
    array[0] = 7.0  # the same memory: the tensor sees it
    assert x.tolist() == [7.0, 2.0] and x._version == 0
