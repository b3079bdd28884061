"""Saved-tensor hooks (``torch.autograd.graph.saved_tensors_hooks``, ``_raw_saved_<name>``) and
post-accumulate-grad hooks, as in PyTorch's "Autograd mechanics" notes: when and how often each
hook is called, what it receives, and the errors."""
import os
import tempfile
import uuid
import weakref

import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, info

pytestmark = pytest.mark.torch
programs = Programs()


def leaf(torch, values=(0.5, 1.0, 2.0)):
    return torch.tensor(list(values), requires_grad=True)


def what(t, inputs=()) -> str:
    """A short description of a tensor handed to a hook: which input it is, or its graph place."""
    for i, x in enumerate(inputs):
        if t is x:
            return f"input {i}"
    grad_fn = None if t.grad_fn is None else t.grad_fn.name()
    return f"{list(t.shape)} {t.dtype} requires_grad={t.requires_grad} grad_fn={grad_fn}"


def logging_hooks(log, inputs=()):
    """A pack hook that logs what it got and returns a numbered box; an unpack hook that logs the
    number and returns the tensor."""

    def pack(t):
        log.append(["pack", what(t, inputs)])
        return [len(log), t]

    def unpack(box):
        log.append(["unpack", box[0]])
        return box[1]

    return pack, unpack


# ----- which tensors each common op saves, and when they are packed and unpacked ----------------

def _matrix(torch, rows, cols):
    values = [[0.25 * (i + 1) - 0.5 * j for j in range(cols)] for i in range(rows)]
    return torch.tensor(values, requires_grad=True)


OPS = {  # the ops of the notes and tutorials: name -> (inputs, op)
    "mul": (lambda t: [leaf(t), leaf(t, (2.0, -1.0, 3.0))], lambda t, a, b: a * b),
    "mul_by_a_constant_tensor": (lambda t: [leaf(t), t.tensor([2.0, -1.0, 3.0])],
                                 lambda t, a, b: a * b),
    "mul_by_a_number": (lambda t: [leaf(t)], lambda t, a: a * 2),
    "square_by_mul": (lambda t: [leaf(t)], lambda t, a: a * a),
    "div": (lambda t: [leaf(t), leaf(t, (2.0, -1.0, 3.0))], lambda t, a, b: a / b),
    "pow_number": (lambda t: [leaf(t)], lambda t, a: a ** 2),
    "pow_tensor": (lambda t: [leaf(t), leaf(t, (2.0, 1.5, 0.5))], lambda t, a, b: a ** b),
    "number_to_the_power": (lambda t: [leaf(t)], lambda t, a: 2 ** a),
    "exp": (lambda t: [leaf(t)], lambda t, a: a.exp()),
    "sin": (lambda t: [leaf(t)], lambda t, a: a.sin()),
    "cos": (lambda t: [leaf(t)], lambda t, a: t.cos(a)),
    "sigmoid": (lambda t: [leaf(t)], lambda t, a: t.sigmoid(a)),
    "tanh": (lambda t: [leaf(t)], lambda t, a: a.tanh()),
    "relu": (lambda t: [leaf(t)], lambda t, a: t.nn.functional.relu(a)),
    "sum": (lambda t: [leaf(t)], lambda t, a: a.sum()),
    "mean": (lambda t: [leaf(t)], lambda t, a: a.mean()),
    "matmul": (lambda t: [_matrix(t, 2, 3), _matrix(t, 3, 4)], lambda t, a, b: a @ b),
    "mm_frozen_right": (lambda t: [_matrix(t, 2, 3), _matrix(t, 3, 4).detach()],
                        lambda t, a, b: a.mm(b)),
    "matrix_times_vector": (lambda t: [_matrix(t, 2, 3), leaf(t)], lambda t, a, b: a @ b),
    "dot": (lambda t: [leaf(t), leaf(t, (2.0, -1.0, 3.0))], lambda t, a, b: a @ b),
    "linear": (lambda t: [_matrix(t, 2, 3), _matrix(t, 4, 3), leaf(t, (0.1, 0.2, 0.3, 0.4))],
               lambda t, x, w, b: t.nn.functional.linear(x, w, b)),
    "linear_without_bias": (lambda t: [_matrix(t, 2, 3), _matrix(t, 4, 3)],
                            lambda t, x, w: t.nn.functional.linear(x, w)),
    "mse_loss": (lambda t: [leaf(t), leaf(t, (1.5, 0.0, 1.0))],
                 lambda t, a, b: t.nn.functional.mse_loss(a, b)),
    "softmax": (lambda t: [leaf(t)], lambda t, a: a.softmax(0)),
    "log": (lambda t: [leaf(t)], lambda t, a: a.log()),
    "max": (lambda t: [leaf(t)], lambda t, a: a.max()),
    "maximum": (lambda t: [leaf(t), leaf(t, (2.0, -1.0, 3.0))], lambda t, a, b: t.maximum(a, b)),
}


def _op_program(name, make_inputs, op):
    def program(torch):
        log = []
        inputs = make_inputs(torch)
        with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, inputs)):
            y = op(torch, *inputs)
        log.append(["recorded", y.grad_fn.name()])
        y.backward(torch.arange(1.0, y.numel() + 1).reshape(y.shape))  # 1, 2, 3...: no zeros
        return [log, info(y), [grad_of(x) for x in inputs]]

    program.__name__ = f"hooks_see_what_{name}_saves"
    return program


for _name, (_make_inputs, _op) in OPS.items():
    programs(_op_program(_name, _make_inputs, _op))


# ----- the notes' examples -----------------------------------------------------------------

@programs
def notes_example_pack_and_unpack_print_what_they_get(torch):
    log = []

    def pack_hook(x):
        log.append(f"Packing {x!r}")
        return x

    def unpack_hook(x):
        log.append(f"Unpacking {x!r}")
        return x

    a = torch.ones(5, requires_grad=True)
    b = torch.ones(5, requires_grad=True) * 2
    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = a * b
    log.append("forward done")
    y.sum().backward()
    return [log, grad_of(a)]


@programs
def notes_example_register_hooks_on_raw_saved_self(torch):
    log = []

    def pack_hook(x):
        log.append(["pack", repr(x)])
        return x

    def unpack_hook(x):
        log.append(["unpack", repr(x)])
        return x

    x = torch.randn(5, requires_grad=True).detach().abs().requires_grad_()
    y = x.pow(2)
    y.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
    log.append("registered")
    same = y.grad_fn._saved_self.equal(x)
    y.sum().backward()
    return [len(log), [entry[0] for entry in log], same, x.grad.equal(2 * x)]


class SelfDeletingTempFile:
    """The notes' example: a file that disappears with the object naming it."""

    def __init__(self, folder):
        self.name = os.path.join(folder, str(uuid.uuid4()))

    def __del__(self):
        os.remove(self.name)


@programs
def notes_example_saving_tensors_to_disk(torch):
    folder = tempfile.mkdtemp()

    def pack_hook(tensor):
        temp_file = SelfDeletingTempFile(folder)
        torch.save(tensor, temp_file.name)
        return temp_file

    def unpack_hook(temp_file):
        return torch.load(temp_file.name)

    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = (x * x.sin()).sum()
    files_after_forward = len(os.listdir(folder))
    saved = y.grad_fn.next_functions[0][0]._saved_self
    y.backward()
    files_after_backward = len(os.listdir(folder))
    os.rmdir(folder)
    return [files_after_forward, files_after_backward, info(saved), grad_of(x)]


@programs
def notes_example_a_hooks_class_for_a_whole_model(torch):
    log = []

    class CountSavedTensors(torch.autograd.graph.saved_tensors_hooks):
        def __init__(self):
            def pack(t):
                log.append(["pack", list(t.shape)])
                return ("kept", t.detach().clone())

            def unpack(packed):
                log.append(["unpack", list(packed[1].shape)])
                return packed[1]

            super().__init__(pack, unpack)

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    x = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    with CountSavedTensors():
        loss = model(x).pow(2).mean()
    loss.backward()
    return [log, [list(p.grad.shape) for p in model.parameters()],
            isinstance(CountSavedTensors(), torch.autograd.graph.saved_tensors_hooks)]


@programs
def pack_returns_a_tuple_unpack_rebuilds_the_tensor(torch):
    def pack_hook(t):
        return (t.device, t.detach().tolist(), t.dtype)

    def unpack_hook(packed):
        device, values, dtype = packed
        return torch.tensor(values, dtype=dtype, device=device)

    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = (x.exp() * x.tanh()).sum()
    y.backward()
    return grad_of(x)


@programs
def save_on_cpu_gives_the_same_gradients(torch):
    x = leaf(torch)
    with torch.autograd.graph.save_on_cpu():
        y = (x.sigmoid() * x.cos()).sum()
    saved = y.grad_fn.next_functions[0][0]._saved_self
    y.backward()
    return [info(saved), grad_of(x)]


# ----- when the hooks are called ----------------------------------------------------------

@programs
def pack_once_when_recorded_unpack_at_every_read(torch):
    log = []
    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, [x])):
        y = x.pow(2)
    log.append("recorded")
    reads = [y.grad_fn._saved_self.tolist(), y.grad_fn._saved_self.tolist()]
    log.append(["read twice", reads])
    y.sum().backward(retain_graph=True)
    log.append("backward")
    torch.autograd.grad(y.sum(), x, retain_graph=True)
    log.append("autograd.grad")
    y.sum().backward()
    return log


@programs
def nested_contexts_the_innermost_wins(torch):
    log = []

    def hooks(tag):
        return (lambda t: log.append(["pack", tag]) or t,
                lambda t: log.append(["unpack", tag]) or t)

    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(*hooks("outer")):
        a = x.sin()
        with torch.autograd.graph.saved_tensors_hooks(*hooks("inner")):
            b = x.cos()
        c = x.tanh()
    d = x.exp()  # outside: no hooks
    (a + b + c + d).sum().backward()
    return [log, grad_of(x)]


@programs
def nothing_is_packed_without_a_graph(torch):
    log = []
    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log)):
        with torch.no_grad():
            x.exp()
        torch.ones(3) * torch.ones(3)
        x * 2.5  # a Python number is saved but never handed to the hooks
        x.double() * 3
        x / 2
    return log


@programs
def pack_runs_without_grad_unpack_in_the_current_mode(torch):
    log = []
    x = leaf(torch)

    def pack(t):
        log.append(["pack, grad enabled:", torch.is_grad_enabled()])
        return t

    def unpack(t):
        log.append(["unpack, grad enabled:", torch.is_grad_enabled()])
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        y = x.sin()
    log.append(["read", y.grad_fn._saved_self.tolist()])
    y.sum().backward()
    return log


@programs
def custom_function_packs_after_forward_and_unpacks_at_each_saved_tensors(torch):
    log = []

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            log.append("forward")
            result = x ** 3
            ctx.save_for_backward(x, result, None)
            return result

        @staticmethod
        def backward(ctx, grad):
            log.append("backward")
            x, result, nothing = ctx.saved_tensors
            return grad * 3 * x * x

    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, [x])):
        y = Cube.apply(x)
    log.append("applied")
    log.append(["read", len(y.grad_fn.saved_tensors)])
    y.sum().backward()
    return [log, grad_of(x)]


@programs
def backward_inside_the_context_packs_nothing_more(torch):
    log = []
    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, [x])):
        y = (x * x).sum()
        y.backward()
    return [log, grad_of(x)]


@programs
def what_unpacked_values_are(torch):
    x = leaf(torch)
    h = x * 2
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t.detach().clone(), lambda p: p):
        y = x * h
        z = x.exp()
    s, o, r = y.grad_fn._saved_self, y.grad_fn._saved_other, z.grad_fn._saved_result
    return [
        [s is x, s.is_leaf, s.requires_grad, s.grad_fn],
        [o is h, o.is_leaf, o.requires_grad, o.grad_fn.name(), o.grad_fn is h.grad_fn],
        [r is z, r.is_leaf, r.requires_grad, r.grad_fn.name(), r.grad_fn is z.grad_fn],
        info(s), info(o), info(r),
    ]


@programs
def unpacked_value_shares_the_version_of_what_unpack_returned(torch):
    x = leaf(torch)
    b = x * 1
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda p: p):
        y = b * b
    b.add_(1)  # with hooks there is no version check: backward uses what unpack returns
    s = y.grad_fn._saved_self
    y.sum().backward()
    return [s._version, b._version, info(s), grad_of(x)]


@programs
def outputs_are_handed_to_pack_as_the_output_itself(torch):
    got = []
    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(lambda t: got.append(t) or t, lambda t: t):
        y = x.exp()
        z = x.sigmoid()
    return [got[0] is y, got[1] is z, got[0].grad_fn is y.grad_fn, y.grad_fn._saved_result is y]


@programs
def raw_saved_tensor_pack_sees_a_detached_value(torch):
    log = []
    x = leaf(torch)
    y = (x * 2).exp()
    z = x.sin()
    for node, name in [(y.grad_fn, "result"), (z.grad_fn, "self")]:
        raw = getattr(node, f"_raw_saved_{name}")
        raw.register_hooks(*logging_hooks(log, [x]))
    log.append([y.grad_fn._raw_saved_result is y.grad_fn._raw_saved_result,
                type(y.grad_fn._raw_saved_result).__name__])
    (y + z).sum().backward()
    return [log, grad_of(x)]


@programs
def raw_saved_tensors_of_a_custom_function(torch):
    log = []

    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    x = leaf(torch)
    y = Square.apply(x)
    (raw,) = y.grad_fn._raw_saved_tensors
    raw.register_hooks(*logging_hooks(log, [x]))
    y.sum().backward()
    return [log, grad_of(x)]


@programs
def backward_frees_what_pack_returned(torch):
    class Box:
        def __init__(self, t):
            self.t = t

    boxes = []

    def pack(t):
        box = Box(t.detach().clone())
        boxes.append(weakref.ref(box))
        return box

    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda box: box.t):
        y = (x * x.exp()).sum()
    alive_before = [ref() is not None for ref in boxes]
    y.backward()
    return [alive_before, [ref() is not None for ref in boxes], grad_of(x)]


@programs
def a_failing_pack_hook_leaves_no_hooks_behind(torch):
    x = leaf(torch)
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda t: 1 / 0, lambda p: p):
            x * x
    except ZeroDivisionError as error:
        message = str(error)
    y = x * x
    return [message, y.grad_fn._saved_self is x]


@programs
def disable_saved_tensors_hooks_lets_ops_run_without_hooks(torch):
    x = leaf(torch)
    with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
        y = (x * x).sum()
        y.backward()
    return grad_of(x)


@programs
def raw_register_hooks_works_inside_disable(torch):
    log = []
    x = leaf(torch)
    with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
        y = x * x
        y.grad_fn._raw_saved_self.register_hooks(*logging_hooks(log, [x]))
    y.sum().backward()
    return [log, grad_of(x)]


# ----- errors ------------------------------------------------------------------------------

@programs.raising
def register_hooks_twice_raises(torch):
    y = leaf(torch).pow(2)
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)


@programs.raising
def register_hooks_inside_a_context_raises(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = leaf(torch).pow(2)
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)


@programs.raising
def register_hooks_after_backward_freed_the_value_raises(torch):
    y = leaf(torch).pow(2)
    raw = y.grad_fn._raw_saved_self
    y.sum().backward()
    raw.register_hooks(lambda t: t, lambda t: t)


@programs.raising
def register_hooks_on_a_value_that_was_not_saved_raises(torch):
    y = leaf(torch) * torch.ones(3)  # `self` is not needed: the other factor needs no gradient
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)


@programs.raising
def register_hooks_with_a_hook_that_is_not_callable_raises(torch):
    y = leaf(torch).pow(2)
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, "unpack")


@programs.raising
def saved_tensors_hooks_with_a_hook_that_is_not_callable_raises(torch):
    with torch.autograd.graph.saved_tensors_hooks(None, lambda t: t):
        leaf(torch).pow(2)


@programs.raising
def unpack_hook_returning_a_number_raises(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda packed: 3):
        y = leaf(torch).pow(2)
    return y.grad_fn._saved_self


@programs.raising
def unpack_hook_returning_none_raises_in_backward(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda packed: None):
        y = leaf(torch).sin()
    y.sum().backward()


@programs.raising
def unpack_hook_returning_integers_for_a_leaf_that_requires_grad_raises(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t.long()):
        y = leaf(torch).sin()
    y.sum().backward()


@programs
def unpack_hook_may_return_another_dtype(torch):
    x = leaf(torch)
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t.double()):
        y = x.sin()
    saved = y.grad_fn._saved_self
    y.sum().backward()
    return [info(saved), grad_of(x)]


@programs.raising
def pack_hook_changing_its_input_in_place_raises(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t.mul_(2), lambda t: t):
        leaf(torch) * leaf(torch)


@programs.raising
def raw_pack_hook_changing_its_input_in_place_raises(torch):
    y = leaf(torch).exp()
    y.grad_fn._raw_saved_result.register_hooks(lambda t: t.add_(1), lambda t: t)


@programs.raising
def saved_value_after_backward_raises_with_hooks_too(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = leaf(torch).pow(2)
    y.sum().backward()
    return y.grad_fn._saved_self


@programs.raising
def raw_saved_of_a_number_does_not_exist(torch):
    return leaf(torch).pow(2).grad_fn._raw_saved_exponent


@programs.raising
def hooks_inside_disable_raise_its_message(torch):
    with torch.autograd.graph.disable_saved_tensors_hooks("hooks are not allowed here"):
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass


@programs.raising
def disable_inside_hooks_raises_its_message(torch):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        with torch.autograd.graph.disable_saved_tensors_hooks("hooks are not allowed here"):
            pass


@programs.raising
def leaving_a_nested_disable_restores_the_outer_message(torch):
    with torch.autograd.graph.disable_saved_tensors_hooks("outer"):
        with torch.autograd.graph.disable_saved_tensors_hooks("inner"):
            pass
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
