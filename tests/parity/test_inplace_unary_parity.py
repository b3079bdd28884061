"""In-place twins of the elementwise ops (``x.cos_()``, ``torch.relu_(x)``, ...), as in PyTorch:
values, version bumps, the node a non-leaf takes over, what that node saves, gradients through
it, and the errors when an in-place op overwrites a value backward still needs.
"""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, graph, info

pytestmark = pytest.mark.torch
programs = Programs()

# Every in-place unary op both libraries have, with its arguments.
INPLACE = [
    ("exp_", ()), ("log_", ()), ("sqrt_", ()), ("sin_", ()), ("cos_", ()), ("tanh_", ()),
    ("sigmoid_", ()), ("relu_", ()), ("reciprocal_", ()), ("square_", ()), ("abs_", ()),
    ("absolute_", ()), ("neg_", ()), ("negative_", ()), ("sign_", ()), ("pow_", (3,)),
    ("clamp_", (0.8, 2.0)), ("clip_", (None, 1.0)), ("clamp_min_", (0.8,)),
    ("clamp_max_", (1.2,)),
]


def non_leaf(torch):
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    return x, x * 1.5


def saved(node) -> dict:
    """A node's ``_saved_*`` attributes: tensors described by ``info`` and their grad_fn."""
    out = {}
    for name in sorted(n for n in dir(node) if n.startswith("_saved_")):
        value = getattr(node, name)
        if hasattr(value, "grad_fn"):
            out[name] = [info(value), value._version,
                         graph(value.grad_fn, depth=1) if value.grad_fn is not None else None]
        else:
            out[name] = value
    return out


def _on_a_non_leaf(name, args):
    def program(torch):
        x, y = non_leaf(torch)
        returned = getattr(y, name)(*args)
        node = y.grad_fn
        description = [returned is y, y._version, info(y), graph(node), saved(node)]
        y.sum().backward()
        return description + [grad_of(x)]

    program.__name__ = f"{name}_on_a_non_leaf"
    return program


def _on_a_leaf_that_requires_grad(name, args):
    def program(torch):
        getattr(torch.tensor([0.5, 1.0, 2.0], requires_grad=True), name)(*args)

    program.__name__ = f"{name}_on_a_leaf_that_requires_grad"
    return program


def _without_grad(name, args):
    def program(torch):
        t = torch.tensor([-2.0, 0.25, 0.5, 4.0])
        data_ptr = t.data_ptr()
        returned = getattr(t, name)(*args)
        return [returned is t, t.data_ptr() == data_ptr, t._version, info(t)]

    program.__name__ = f"{name}_without_grad"
    return program


for _name, _args in INPLACE:
    programs(_on_a_non_leaf(_name, _args))
    programs.raising(_on_a_leaf_that_requires_grad(_name, _args))
    programs(_without_grad(_name, _args))


# ----- saved values: what an in-place op may overwrite ----------------------------------

@programs
def cos__saves_a_clone_of_the_old_values(torch):
    x, y = non_leaf(torch)
    y.cos_()
    kept = saved(y.grad_fn)
    y.mul_(2)  # changes y again: CosBackward0 keeps its own copy, so backward still works
    y.sum().backward()
    return [kept, grad_of(x)]


@programs
def log__then_more_in_place_ops_gives_the_gradient(torch):
    x, y = non_leaf(torch)
    y.log_()
    y.sin_()
    y.abs_()
    y.sum().backward()
    return [graph(y.grad_fn), y._version, grad_of(x)]


@programs.raising
def exp__saves_its_result_so_a_later_change_breaks_backward(torch):
    x, y = non_leaf(torch)
    y.exp_()
    y.mul_(2)
    y.sum().backward()


@programs.raising
def sigmoid__then_tanh__breaks_backward(torch):
    x, y = non_leaf(torch)
    y.sigmoid_()
    y.tanh_()
    y.sum().backward()


@programs.raising
def sqrt__then_exp__breaks_backward(torch):
    x, y = non_leaf(torch)
    y.sqrt_()
    y.exp_()
    y.sum().backward()


@programs.raising
def cos__overwrites_what_sin_saved(torch):
    x, y = non_leaf(torch)
    z = y.sin()  # SinBackward0 saves y itself
    y.cos_()
    z.sum().backward()


@programs.raising
def log__overwrites_the_result_exp_saved(torch):
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.log_()
    y.sum().backward()


@programs.raising
def relu__overwrites_the_result_sigmoid_saved(torch):
    x = torch.tensor([-0.5, 1.0, 2.0], requires_grad=True)
    y = x.sigmoid()
    y.relu_()
    y.sum().backward()


@programs.raising
def neg__overwrites_the_result_tanh_saved(torch):
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    y = x.tanh()
    z = y * 2
    y.neg_()
    z.sum().backward()


@programs
def neg__after_ops_that_saved_nothing_of_it(torch):
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    y = x + 1  # AddBackward0 saves nothing
    z = y * 2  # y times a number: only the number is saved
    w = y.sum()
    y.neg_()
    (z.sum() + w).backward()
    return [grad_of(x), y._version, info(y)]


@programs.raising
def sin__overwrites_y_saved_by_y_times_y(torch):
    x, y = non_leaf(torch)
    y.exp_()
    z = y * y
    y.sin_()
    z.sum().backward()


@programs
def exp__saved_result_is_the_tensor_itself(torch):
    x, y = non_leaf(torch)
    y.exp_()
    result = y.grad_fn._saved_result
    return [info(result), result._version, result.equal(y), graph(result.grad_fn, depth=1)]


@programs
def in_place_ops_on_a_constant_with_a_grad_input(torch):
    w = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)
    c = torch.tensor([0.5, 1.0, 2.0])
    c.mul_(w)
    after_mul = saved(c.grad_fn)
    c.cos_()
    after_cos = saved(c.grad_fn)
    c.sum().backward()
    return [info(c), graph(c.grad_fn), after_mul, after_cos, grad_of(w)]


@programs
def in_place_ops_on_a_constant_record_nothing(torch):
    c = torch.tensor([0.5, 1.0, 2.0])
    c.cos_().exp_().sqrt_()
    return [info(c), c._version]


# ----- gradients through chains of in-place ops, and second derivatives ----------------

@programs
def gradients_through_chains_of_in_place_ops(torch):
    """A chain works when no op in it saved a value a later op overwrites; else backward says
    which one."""
    results = []
    for chain in (("sin_", "exp_"), ("cos_", "square_"), ("tanh_", "neg_"), ("abs_", "sqrt_"),
                  ("reciprocal_", "log_"), ("relu_", "sigmoid_"), ("log_", "neg_", "sign_"),
                  ("square_", "clamp_max_"), ("neg_", "relu_", "sin_")):
        x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
        y = x * 1.5
        for name in chain:
            getattr(y, name)(*((1.0,) if name == "clamp_max_" else ()))
        try:
            (y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
            results.append([chain, info(y), grad_of(x)])
        except RuntimeError as error:
            results.append([chain, info(y), str(error).split(" Hint")[0]])
    return results


@programs
def second_derivative_through_cos_(torch):
    x, y = non_leaf(torch)
    y.cos_()
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    g.sum().backward()
    return [info(g), grad_of(x)]


@programs
def second_derivative_through_exp_(torch):
    x, y = non_leaf(torch)
    y.exp_()
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return [g.tolist(), gg.tolist()]


# ----- hooks and retain_grad around an in-place op ---------------------------------------

@programs
def a_hook_registered_after_exp__sees_the_gradient_of_the_new_value(torch):
    x, y = non_leaf(torch)
    seen = []
    y.exp_()
    y.register_hook(lambda g: seen.append(g.tolist()))
    (y * y).sum().backward()
    return [seen, grad_of(x)]


@programs
def a_hook_registered_before_exp__sees_the_gradient_of_the_old_value(torch):
    x, y = non_leaf(torch)
    seen = []
    y.register_hook(lambda g: seen.append(g.tolist()))
    y.exp_()
    (y * y).sum().backward()
    return [seen, grad_of(x)]


@programs
def retain_grad_follows_the_tensor_through_cos_(torch):
    x, y = non_leaf(torch)
    y.retain_grad()
    y.cos_()
    (y * y).sum().backward()
    return [y.retains_grad, grad_of(y), grad_of(x)]


@programs
def a_hook_that_changes_the_gradient_after_sigmoid_(torch):
    x, y = non_leaf(torch)
    y.sigmoid_()
    y.register_hook(lambda g: g * 10)
    y.sum().backward()
    return grad_of(x)


# ----- functional forms ------------------------------------------------------------------

@programs
def torch_functions_write_in_place(torch):
    x, y = non_leaf(torch)
    returned = [torch.exp_(y) is y, torch.log_(y) is y, torch.sqrt_(y) is y, torch.sin_(y) is y,
                torch.cos_(y) is y, torch.tanh_(y) is y, torch.sigmoid_(y) is y,
                torch.relu_(y) is y, torch.reciprocal_(y) is y, torch.square_(y) is y,
                torch.abs_(y) is y, torch.neg_(y) is y, torch.negative_(y) is y,
                torch.clamp_(y, min=0.1) is y, torch.clip_(y, 0.2, 0.9) is y,
                torch.clamp_min_(y, 0.3) is y, torch.clamp_max_(y, 0.8) is y]
    try:
        y.sum().backward()  # exp_ saved its result, and log_ overwrote it
    except RuntimeError as error:
        returned.append(str(error).split(" Hint")[0])
    return [returned, y._version, info(y), graph(y.grad_fn, depth=3)]


@programs
def relu_in_place_through_nn_functional_and_nn_relu(torch):
    F = torch.nn.functional
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    a, b, c = x * 1.5, x * -2.0, x - 1.0
    layer = torch.nn.ReLU(inplace=True)
    results = [F.relu_(a) is a, F.relu(b, inplace=True) is b, layer(c) is c, repr(layer)]
    (a + b * 2 + c * 3).sum().backward()
    return results + [info(a), info(b), info(c), grad_of(x)]


@programs.raising
def an_in_place_function_needs_a_tensor(torch):
    torch.exp_(2.0)


@programs
def clamp_min_and_clamp_max_have_their_own_nodes(torch):
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    nodes = [x.clamp_min(0.8), x.clamp_max(0.8), torch.clamp_min(x, 0.8),
             torch.clamp_max(x, 0.8), x.clamp(min=0.8), x.clip(max=0.8)]
    described = [[info(n), saved(n.grad_fn)] for n in nodes]
    sum(n.sum() for n in nodes).backward()
    return described + [grad_of(x)]


# ----- dtypes and special values ----------------------------------------------------------

@programs.raising
def exp__on_an_integer_tensor_cannot_store_floats(torch):
    torch.tensor([1, 2, 3]).exp_()


@programs
def integer_tensors_keep_their_dtype_in_place(torch):
    t = torch.tensor([-3, 0, 2])
    steps = []
    for name, args in (("abs_", ()), ("neg_", ()), ("square_", ()), ("sign_", ()),
                       ("clamp_", (-1, 1)), ("pow_", (2,))):
        getattr(t, name)(*args)
        steps.append(info(t))
    return steps + [t._version]


@programs
def nan_and_inf_from_in_place_ops(torch):
    a = torch.tensor([-1.0, 0.0, 4.0]).sqrt_()
    b = torch.tensor([-1.0, 0.0, 4.0]).log_()
    c = torch.tensor([-1.0, 0.0, 4.0]).reciprocal_()
    return [info(a), info(b), info(c)]


@programs
def in_place_under_no_grad_on_a_leaf_that_requires_grad(torch):
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        x.exp_()
        x.relu_()
        x.clamp_max_(3.0)
    return [info(x), x._version]


@programs.raising
def in_place_inside_enable_grad_on_a_leaf_that_requires_grad(torch):
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    with torch.no_grad(), torch.enable_grad():
        x.cos_()


@programs
def a_detached_alias_sees_the_in_place_change_and_its_version(torch):
    x, y = non_leaf(torch)
    alias = y.detach()
    y.sin_()
    return [info(alias), alias._version, y._version]


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
