"""Grad mode is per thread, as in PyTorch; what hooks see of it during backward; ``numpy()``
under ``no_grad``; the words of the ``requires_grad`` setter.

A thread started inside ``no_grad`` (or ``inference_mode``, or ``set_grad_enabled(False)``)
starts with grad enabled, and switching the mode in one thread leaves the others as they are.
"""
import threading

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, info

pytestmark = pytest.mark.torch
programs = Programs()


def in_thread(fn):
    """Run ``fn`` in a new thread and wait: its result, or its error as ``[type, message]``."""
    outcome = {}

    def target():
        try:
            outcome["result"] = fn()
        except Exception as error:  # the error is what the program reports
            outcome["result"] = ["raised", type(error).__name__, str(error).split("\n")[0]]

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return outcome["result"]


def modes(torch):
    """The modes of the current thread, and what an op on a leaf that requires grad makes."""
    y = torch.ones(2, requires_grad=True) * 2
    return {
        "is_grad_enabled": torch.is_grad_enabled(),
        "is_inference_mode_enabled": torch.is_inference_mode_enabled(),
        "requires_grad": y.requires_grad,
        "grad_fn": None if y.grad_fn is None else y.grad_fn.name(),
        "is_inference": y.is_inference(),
    }


# ----- a new thread starts with grad enabled --------------------------------------------

@programs
def a_new_thread_starts_with_grad_enabled(torch):
    return [modes(torch), in_thread(lambda: modes(torch))]


@programs
def a_thread_started_inside_no_grad_records(torch):
    with torch.no_grad():
        here, there = modes(torch), in_thread(lambda: modes(torch))
    return [here, there, modes(torch)]


@programs
def a_thread_started_inside_inference_mode_is_not_in_it(torch):
    with torch.inference_mode():
        here, there = modes(torch), in_thread(lambda: modes(torch))
    return [here, there, modes(torch)]


@programs
def a_thread_started_inside_set_grad_enabled_false_records(torch):
    with torch.set_grad_enabled(False):
        here, there = modes(torch), in_thread(lambda: modes(torch))
    return [here, there, modes(torch)]


@programs
def set_grad_enabled_called_plainly_switches_only_its_thread(torch):
    torch.set_grad_enabled(False)
    try:
        here, there = modes(torch), in_thread(lambda: modes(torch))
    finally:
        torch.set_grad_enabled(True)
    return [here, there, modes(torch)]


@programs
def a_thread_started_from_a_no_grad_function_records(torch):
    @torch.no_grad()
    def evaluate():
        return [modes(torch), in_thread(lambda: modes(torch))]

    return [evaluate(), modes(torch)]


@programs
def a_thread_started_from_an_inference_mode_function_records(torch):
    @torch.inference_mode()
    def evaluate():
        return [modes(torch), in_thread(lambda: modes(torch))]

    return [evaluate(), modes(torch)]


@programs
def a_thread_inside_no_grad_starts_a_thread_that_records(torch):
    def worker():
        with torch.no_grad():
            return [modes(torch), in_thread(lambda: modes(torch)), modes(torch)]

    return [in_thread(worker), modes(torch)]


# ----- switching in one thread leaves the others alone ---------------------------------

@programs
def no_grad_in_a_thread_leaves_the_main_thread_recording(torch):
    entered, done = threading.Event(), threading.Event()
    seen = {}

    def worker():
        with torch.no_grad():
            entered.set()
            done.wait()  # the main thread looks while the worker is inside no_grad
            seen["worker"] = modes(torch)
        seen["worker after"] = modes(torch)

    thread = threading.Thread(target=worker)
    thread.start()
    entered.wait()
    seen["main"] = modes(torch)
    done.set()
    thread.join()
    return [seen["main"], seen["worker"], seen["worker after"]]


@programs
def inference_mode_in_a_thread_leaves_the_main_thread_recording(torch):
    entered, done = threading.Event(), threading.Event()
    seen = {}

    def worker():
        with torch.inference_mode():
            entered.set()
            done.wait()
            seen["worker"] = modes(torch)

    thread = threading.Thread(target=worker)
    thread.start()
    entered.wait()
    seen["main"] = modes(torch)
    done.set()
    thread.join()
    return [seen["main"], seen["worker"]]


@programs
def no_grad_in_the_main_thread_leaves_a_running_thread_recording(torch):
    started, switched = threading.Event(), threading.Event()
    seen = {}

    def worker():
        started.set()
        switched.wait()  # the main thread is inside no_grad now
        seen["worker"] = modes(torch)

    thread = threading.Thread(target=worker)
    thread.start()
    started.wait()
    with torch.no_grad():
        switched.set()
        thread.join()
        seen["main"] = modes(torch)
    return [seen["main"], seen["worker"]]


@programs
def enable_grad_in_a_thread_while_the_main_thread_is_in_no_grad(torch):
    def worker():
        with torch.no_grad():
            inner = modes(torch)
            with torch.enable_grad():
                return [inner, modes(torch)]

    with torch.no_grad():
        return [in_thread(worker), modes(torch)]


@programs
def four_threads_each_in_their_own_mode(torch):
    barrier = threading.Barrier(4)
    seen = [None] * 4
    contexts = [torch.no_grad, torch.enable_grad, torch.inference_mode,
                lambda: torch.set_grad_enabled(False)]

    def worker(i):
        with contexts[i]():
            barrier.wait()  # all four are inside their mode at the same time
            seen[i] = modes(torch)
            barrier.wait()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [seen, modes(torch)]


@programs
def inference_mode_false_in_a_thread_started_inside_inference_mode(torch):
    def worker():
        with torch.inference_mode(False):
            return modes(torch)

    with torch.inference_mode():
        return [in_thread(worker), modes(torch)]


@programs
def a_no_grad_generator_consumed_in_a_thread(torch):
    @torch.no_grad()
    def steps():
        for _ in range(2):
            yield modes(torch)

    return [in_thread(lambda: list(steps())), modes(torch)]


# ----- enable_grad inside inference_mode: grad is on, yet built-in ops record nothing ----

@programs
def enable_grad_inside_inference_mode_records_no_built_in_op(torch):
    x = torch.ones(2, requires_grad=True)
    with torch.inference_mode(), torch.enable_grad():
        made = [modes(torch), info(x.exp().sum()), info(torch.ones(2, requires_grad=True) * 2)]
    with torch.inference_mode(), torch.set_grad_enabled(True):
        made.append(modes(torch))
    return made


@programs
def enable_grad_inside_inference_mode_allows_in_place_ops(torch):
    x = torch.ones(2, requires_grad=True)
    y = x * 1.5
    with torch.inference_mode(), torch.enable_grad():
        x.mul_(2)  # a leaf that requires grad: no error, nothing recorded
        y.exp_()  # a non-leaf keeps its node
    return [info(x), x._version, info(y), y._version]


@programs
def a_custom_function_still_records_under_enable_grad_inside_inference_mode(torch):
    class Double(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    x = torch.ones(2, requires_grad=True)
    with torch.inference_mode(), torch.enable_grad():
        y = Double.apply(x)
    return [y.requires_grad, type(y.grad_fn).__name__, y.is_inference()]


@programs.raising
def numpy_under_enable_grad_inside_inference_mode_raises(torch):
    x = torch.ones(2, requires_grad=True)
    with torch.inference_mode(), torch.enable_grad():
        x.numpy()


# ----- tensors made in threads -----------------------------------------------------------

@programs
def tensors_made_in_a_thread_keep_that_threads_mode(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    made = {}

    def worker():
        made["recorded"] = x * 3
        with torch.no_grad():
            made["plain"] = x * 3

    with torch.no_grad():
        in_thread(worker)
        here = x * 3
    made["recorded"].sum().backward()
    return [info(made["recorded"]), info(made["plain"]), info(here), grad_of(x)]


@programs
def backward_in_a_thread_while_the_main_thread_is_in_no_grad(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)

    def worker():
        loss = (x * x).sum()
        loss.backward()
        return info(loss)

    with torch.no_grad():
        loss = in_thread(worker)
    return [loss, grad_of(x)]


@programs
def a_graph_made_in_the_main_thread_backward_in_another(torch):
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x.exp() * x).sum()
    with torch.no_grad():
        in_thread(loss.backward)
    return grad_of(x)


@programs.raising
def an_inference_tensor_from_a_thread_cannot_be_saved_for_backward(torch):
    made = {}

    def worker():
        with torch.inference_mode():
            made["t"] = torch.ones(2) * 2

    in_thread(worker)
    w = torch.ones(2, requires_grad=True)
    return info(w * made["t"])


@programs
def a_custom_function_sees_grad_disabled_in_forward_in_a_thread(torch):
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            ctx.forward_mode = torch.is_grad_enabled()
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            ctx.backward_mode = torch.is_grad_enabled()
            return grad * 2 * x

    def worker():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = Square.apply(x)
        y.sum().backward()
        return [y.grad_fn.forward_mode, y.grad_fn.backward_mode, grad_of(x), modes(torch)]

    with torch.no_grad():
        return in_thread(worker)


# ----- the grad mode hooks see during backward -------------------------------------------

def hooked(torch, seen):
    """``y = x * x`` with a hook of each kind recording ``is_grad_enabled()``."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    y.register_hook(lambda g: seen.append(["tensor", torch.is_grad_enabled(), g.requires_grad]))
    y.grad_fn.register_prehook(lambda go: seen.append(["prehook", torch.is_grad_enabled()]))
    y.grad_fn.register_hook(lambda gi, go: seen.append(["node", torch.is_grad_enabled()]))
    x.register_hook(lambda g: seen.append(["leaf", torch.is_grad_enabled(), g.requires_grad]))
    return x, y


@programs
def hooks_see_grad_disabled_during_backward(torch):
    seen = []
    x, y = hooked(torch, seen)
    y.sum().backward()
    return [seen, torch.is_grad_enabled(), grad_of(x)]


@programs
def hooks_see_grad_enabled_with_create_graph(torch):
    seen = []
    x, y = hooked(torch, seen)
    torch.autograd.grad(y.sum(), x, create_graph=True)
    return [seen, torch.is_grad_enabled()]


@programs
def hooks_see_create_graph_even_when_backward_is_called_under_no_grad(torch):
    seen = []
    x, y = hooked(torch, seen)
    loss = y.sum()
    with torch.no_grad():
        (g,) = torch.autograd.grad(loss, x, create_graph=True)
    return [seen, torch.is_grad_enabled(), info(g)]


@programs
def hooks_see_grad_disabled_when_backward_runs_in_a_thread(torch):
    seen = []
    x, y = hooked(torch, seen)
    loss = y.sum()
    in_thread(loss.backward)
    return [seen, torch.is_grad_enabled(), grad_of(x)]


@programs
def the_mode_is_restored_after_backward_raises_in_a_hook(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x

    def hook(g):
        raise ValueError("stop")

    y.register_hook(hook)
    with torch.no_grad():
        loss = in_thread(lambda: (y.sum().backward(create_graph=True), 0))
        inside = torch.is_grad_enabled()
    return [loss, inside, torch.is_grad_enabled()]


# ----- numpy() and grad mode ------------------------------------------------------------

@programs
def numpy_under_no_grad_shares_the_tensors_memory(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        a = x.numpy()
    a[0] = 5.0  # writes into x, and x's version does not move
    return [type(a).__name__, str(a.dtype), np.shares_memory(a, x.detach().numpy()),
            info(x), x._version]


@programs.raising
def numpy_on_a_tensor_that_requires_grad_raises_while_grad_is_on(torch):
    torch.tensor([1.0, 2.0], requires_grad=True).numpy()


@programs.raising
def numpy_raises_under_enable_grad_inside_no_grad(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad(), torch.enable_grad():
        x.numpy()


@programs
def numpy_under_inference_mode_and_set_grad_enabled_false(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    with torch.inference_mode():
        a = x.numpy().tolist()
    with torch.set_grad_enabled(False):
        b = y.numpy().tolist()  # a non-leaf too
    return [a, b, x.numpy(force=True).tolist()]


@programs
def numpy_in_a_thread_started_inside_no_grad_raises(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        here = x.numpy().tolist()
        there = in_thread(x.numpy)
    return [here, there]


# ----- requires_grad: the setter, requires_grad_() and the factories word it differently --

@programs.raising
def requires_grad_setter_on_an_integer_tensor(torch):
    torch.tensor([1, 2]).requires_grad = True


@programs.raising
def requires_grad_setter_on_a_bool_tensor(torch):
    torch.tensor([True, False]).requires_grad = True


@programs.raising
def requires_grad_method_on_an_integer_tensor(torch):
    torch.tensor([1, 2]).requires_grad_()


@programs.raising
def requires_grad_method_on_an_int32_tensor(torch):
    torch.ones(2, dtype=torch.int32).requires_grad_(True)


@programs.raising
def a_factory_asked_for_an_integer_tensor_that_requires_grad(torch):
    torch.tensor([1, 2], requires_grad=True)


@programs
def integer_tensors_may_be_set_not_to_require_grad(torch):
    t = torch.tensor([1, 2])
    t.requires_grad = False
    return [t.requires_grad_(False).requires_grad, info(t)]


@programs
def requires_grad_setter_and_method_accept_only_bools(torch):
    def setter(t, value):
        t.requires_grad = value

    outcomes = []
    for value in (1, 0, None, 1.0, np.True_):
        for set_it in (setter, torch.Tensor.requires_grad_):
            t = torch.tensor([1.0])
            try:
                set_it(t, value)
                outcomes.append(t.requires_grad)
            except (RuntimeError, TypeError) as error:
                outcomes.append([type(error).__name__, str(error)])
    return outcomes


@programs.raising
def requires_grad_setter_on_a_non_leaf_checks_the_bool_first(torch):
    y = torch.tensor([1.0], requires_grad=True) * 2
    y.requires_grad = 1


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
