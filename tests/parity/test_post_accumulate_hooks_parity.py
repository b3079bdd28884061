"""``Tensor.register_post_accumulate_grad_hook``: when it runs among a leaf's other hooks, with
``autograd.grad`` and ``inputs=``, the optimizer-in-backward recipe, and the errors."""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of

pytestmark = pytest.mark.torch
programs = Programs()


def leaf(torch, values=(1.0, 2.0)):
    return torch.tensor(list(values), requires_grad=True)


def every_hook(torch, x, log):
    """Each kind of hook a leaf can have, logging what it sees, in an order unlike PyTorch's.

    Returns the leaf's AccumulateGrad node: the leaf holds it weakly, so the caller keeps it
    alive (or its hooks would go with it)."""
    node = (x * 1).grad_fn.next_functions[0][0]  # the leaf's AccumulateGrad
    x.register_post_accumulate_grad_hook(lambda p: log.append(["post 1", p.grad.tolist()]))
    node.register_hook(lambda grad_inputs, grad_outputs: log.append(["node hook"]))
    x.register_hook(lambda g: log.append(["tensor hook", g.tolist()]))
    node.register_prehook(lambda grad_outputs: log.append(["node pre-hook"]))
    x.register_post_accumulate_grad_hook(lambda p: log.append(["post 2", p.grad.tolist()]))
    x.retain_grad()  # a leaf keeps its gradient anyway: nothing more runs
    return node


@programs
def order_among_a_leafs_hooks(torch):
    log = []
    x = leaf(torch)
    node = every_hook(torch, x, log)
    (x * 3).sum().backward()
    log.append("second backward")
    (x * 3).sum().backward()
    return [log, grad_of(x), node.name()]


@programs
def the_hook_gets_the_leaf_itself_after_grad_is_written(torch):
    seen = []
    x = leaf(torch)
    x.register_post_accumulate_grad_hook(lambda p: seen.append([p is x, p.grad.tolist()]))
    (x * x).sum().backward()
    return seen


@programs
def removed_hooks_do_not_run(torch):
    log = []
    x = leaf(torch)
    first = x.register_post_accumulate_grad_hook(lambda p: log.append("first"))
    x.register_post_accumulate_grad_hook(lambda p: log.append("second"))
    first.remove()
    first.remove()  # twice is harmless
    (x * 2).sum().backward()
    return log


@programs
def each_leaf_runs_its_hooks_when_its_gradient_is_complete(torch):
    log = []
    a, b, c = leaf(torch, (1.0,)), leaf(torch, (2.0,)), leaf(torch, (3.0,))
    for name, t in zip("abc", (a, b, c), strict=True):
        t.register_post_accumulate_grad_hook(lambda p, name=name: log.append(name))
    ((a * b).exp() + (b * c) + c.sin()).sum().backward()
    return log


@programs
def autograd_grad_runs_tensor_hooks_but_not_post_accumulate_hooks(torch):
    log = []
    x = leaf(torch)
    node = every_hook(torch, x, log)
    (g,) = torch.autograd.grad((x * 3).sum(), x)
    return [log, g.tolist(), grad_of(x), node.name()]


@programs
def backward_with_inputs_runs_the_hooks_of_the_leaves_asked_for(torch):
    log = []
    x, z = leaf(torch), leaf(torch, (3.0, 4.0))
    for name, t in (("x", x), ("z", z)):
        t.register_hook(lambda g, name=name: log.append([name, "tensor hook"]))
        t.register_post_accumulate_grad_hook(lambda p, name=name: log.append([name, "post"]))
    h = x * z
    h.register_hook(lambda g: log.append(["h", "tensor hook"]))
    y = h.sum()
    y.backward(inputs=[z], retain_graph=True)
    log.append("--")
    y.backward(inputs=[h], retain_graph=True)
    log.append("--")
    torch.autograd.grad(y, [h, z])
    return [log, grad_of(x), grad_of(z)]


@programs
def create_graph_runs_the_hook_too(torch):
    log = []
    x = leaf(torch)
    x.register_post_accumulate_grad_hook(lambda p: log.append(p.grad.requires_grad))
    (x ** 3).sum().backward(create_graph=True)
    return [log, grad_of(x)]


@programs
def tutorial_optimizer_step_in_backward(torch):
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]))
        model.bias.copy_(torch.tensor([0.01, -0.02]))
    optimizer_dict = {p: torch.optim.SGD([p], lr=0.1, momentum=0.9) for p in model.parameters()}

    def optimizer_hook(parameter):
        optimizer_dict[parameter].step()
        optimizer_dict[parameter].zero_grad()

    for p in model.parameters():
        p.register_post_accumulate_grad_hook(optimizer_hook)
    x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])
    losses = []
    for _ in range(3):
        loss = model(x).pow(2).mean()
        loss.backward()  # each parameter steps as soon as its gradient is ready
        losses.append(loss.item())
    return [losses, model.weight.tolist(), model.bias.tolist(),
            [p.grad for p in model.parameters()]]


@programs
def a_failing_hook_stops_backward_after_grad_was_written(torch):
    x = leaf(torch)
    x.register_post_accumulate_grad_hook(lambda p: 1 / 0)
    try:
        (x * 2).sum().backward()
    except ZeroDivisionError as error:
        return [str(error), grad_of(x)]


@programs.raising
def a_hook_on_a_non_leaf_raises(torch):
    (leaf(torch) * 2).register_post_accumulate_grad_hook(lambda p: None)


@programs.raising
def a_hook_on_a_view_of_a_leaf_raises(torch):
    leaf(torch)[0].register_post_accumulate_grad_hook(lambda p: None)


@programs.raising
def a_hook_on_a_tensor_without_grad_raises(torch):
    torch.ones(2).register_post_accumulate_grad_hook(lambda p: None)


@programs.raising
def a_hook_returning_a_value_raises(torch):
    x = leaf(torch)
    x.register_post_accumulate_grad_hook(lambda p: p.grad * 0)
    (x * 2).sum().backward()


@programs.raising
def a_hook_that_is_not_callable_raises_in_backward(torch):
    x = leaf(torch)
    x.register_post_accumulate_grad_hook("not a function")
    (x * 2).sum().backward()


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
