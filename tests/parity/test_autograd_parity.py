"""Autograd: graph nodes, saved tensors, custom Functions, backward and grad, hooks, grad modes,
the version counter and gradcheck, as in PyTorch."""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, graph, info

pytestmark = pytest.mark.torch
programs = Programs()


def leaf(torch, values=(1.0, 2.0, 3.0), dtype=None):
    return torch.tensor(list(values), dtype=dtype, requires_grad=True)


# ----- node names and next_functions ----------------------------------------------------

@programs
def grad_fn_names_of_common_ops(torch):
    x, w = leaf(torch), torch.ones(3, 2, requires_grad=True)
    results = [x * x, x + x, x - 1, x / 2, -x, x.sum(), x.mean(), x ** 2, x.unsqueeze(0) @ w,
               x.exp(), x.relu(), x[0], x[1:], x.view(3, 1), x.sum(0)]
    return [[r.grad_fn.name(), type(r.grad_fn).__name__, repr(r.grad_fn).split(" object")[0]]
            for r in results]


@programs
def accumulate_grad_name_type_and_variable(torch):
    x = leaf(torch)
    node = (x * 2).grad_fn.next_functions[0][0]
    return [node.name(), type(node).__name__, node.variable is x, node.next_functions]


@programs
def next_functions_have_none_for_inputs_without_grad(torch):
    x, c = leaf(torch), torch.tensor([4.0, 5.0, 6.0])
    y = (x * 2) + c
    return [graph(y.grad_fn), y.grad_fn.next_functions[1], (x * c).grad_fn.next_functions[1]]


@programs
def a_leaf_used_twice_has_one_accumulate_grad(torch):
    x = leaf(torch)
    y = x * x
    (a, _), (b, _) = y.grad_fn.next_functions
    return [a is b, x.grad_fn is None, graph((x + x * x).grad_fn)]


@programs
def a_deeper_graph_with_branches(torch):
    x, w = leaf(torch), leaf(torch, (0.5, -1.0, 2.0))
    h = (x * w).tanh()
    loss = (h * h).sum() + h.mean()
    loss.backward()
    return [graph(loss.grad_fn), grad_of(x), grad_of(w)]


@programs
def output_of_no_grad_inputs_has_no_grad_fn(torch):
    y = torch.tensor([1.0]) * torch.tensor([2.0])
    return [y.grad_fn, y.requires_grad, y.is_leaf]


# ----- saved tensors ----------------------------------------------------------------------

@programs
def mul_saves_self_and_other(torch):
    x, w = leaf(torch), leaf(torch, (4.0, 5.0, 6.0))
    node = (x * w).grad_fn
    return [node._saved_self is x, node._saved_other is w, info(node._saved_other)]


@programs
def exp_saves_its_result(torch):
    x = leaf(torch)
    y = x.exp()
    saved = y.grad_fn._saved_result
    return [info(saved), saved.equal(y)]


@programs
def pow_saves_self_and_exponent(torch):
    x = leaf(torch)
    node = (x ** 3).grad_fn
    return [node._saved_self is x, node._saved_exponent, (x ** 2.5).grad_fn._saved_exponent]


@programs
def sum_dim_saves_dim_keepdim_and_sizes(torch):
    x = torch.ones(2, 3, requires_grad=True)
    node = x.sum(1, keepdim=True).grad_fn
    return [node._saved_dim, node._saved_keepdim, node._saved_self_sym_sizes]


@programs
def mm_saves_self_and_mat2(torch):
    a, b = torch.ones(2, 3, requires_grad=True), torch.ones(3, 1, requires_grad=True)
    node = (a @ b).grad_fn
    return [node._saved_self is a, node._saved_mat2 is b]


@programs
def saved_attributes_of_shape_and_reduction_nodes(torch):
    w = torch.arange(6.0).reshape(2, 3).requires_grad_()
    mean, mean_dim = w.mean().grad_fn, w.mean(1).grad_fn
    return [mean._saved_self_sym_numel, mean._saved_self_sym_sizes, mean_dim._saved_dim,
            mean_dim._saved_keepdim, w.transpose(0, 1).grad_fn._saved_dim0,
            w.permute(1, 0).grad_fn._saved_dims, w.unsqueeze(1).grad_fn._saved_dim,
            w[0].grad_fn._saved_index, w[:, 1:].grad_fn._saved_start,
            w.view(6).grad_fn._saved_self_sym_sizes, w.softmax(1).grad_fn._saved_dim,
            w.max(1).values.grad_fn._saved_dim, w.clamp(0, 1).grad_fn._saved_min,
            (w + 1).grad_fn._saved_alpha, w.expand(2, 2, 3).grad_fn._saved_self_sym_sizes,
            torch.cat([w, w]).grad_fn._saved_dim]


@programs
def dir_of_a_node_lists_its_saved_values(torch):
    x = leaf(torch)
    return [sorted(k for k in dir((x * x).grad_fn) if k.startswith("_saved")),
            sorted(k for k in dir(x.exp().grad_fn) if k.startswith("_saved")),
            sorted(k for k in dir(x.sum(0).grad_fn) if k.startswith("_saved"))]


@programs
def saved_result_unpacks_to_a_tensor_of_the_same_node(torch):
    x = leaf(torch)
    y = x.exp()
    saved = y.grad_fn._saved_result
    return [saved.grad_fn is y.grad_fn, saved.requires_grad, saved.is_leaf]


@programs
def node_metadata_is_a_dict(torch):
    node = (leaf(torch) * 2).grad_fn
    node.metadata["step"] = 1
    return [node.metadata, node.next_functions[0][0].metadata]


@programs.raising
def saved_tensors_are_freed_by_backward(torch):
    x = leaf(torch)
    y = (x * x).sum()
    node = y.grad_fn.next_functions[0][0]
    y.backward()
    return node._saved_self


@programs
def saved_tensors_stay_with_retain_graph(torch):
    x = leaf(torch)
    y = x.exp()
    y.sum().backward(retain_graph=True)
    return info(y.grad_fn._saved_result)


# ----- custom autograd.Function -----------------------------------------------------------

def cube_function(torch):
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, scale):
            ctx.save_for_backward(x)
            ctx.scale = scale
            return x ** 3 * scale

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            ctx.seen = ctx.needs_input_grad
            return grad * 3 * x ** 2 * ctx.scale, None

    return Cube


@programs
def custom_function_forward_and_backward(torch):
    x = leaf(torch)
    y = cube_function(torch).apply(x, 2.0)
    y.sum().backward()
    node = y.grad_fn
    return [info(y), node.name(), type(node).__name__, graph(node), grad_of(x), node.seen,
            node.needs_input_grad]


@programs
def custom_function_without_inputs_needing_grad_records_nothing(torch):
    y = cube_function(torch).apply(torch.tensor([1.0, 2.0]), 1.0)
    return info(y)


@programs
def custom_function_with_two_outputs(torch):
    class SplitSigns(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clamp(min=0), x.clamp(max=0)

        @staticmethod
        def backward(ctx, grad_pos, grad_neg):
            return grad_pos * 2 + grad_neg * 3

    x = leaf(torch, (1.0, -2.0, 3.0))
    pos, neg = SplitSigns.apply(x)
    (pos + neg).sum().backward()
    return [info(pos), info(neg), pos.grad_fn is neg.grad_fn, neg.output_nr, grad_of(x)]


@programs
def custom_function_with_keyword_arguments(torch):
    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, k=2.0, shift=None):
            ctx.seen = ctx.needs_input_grad
            return x * k

        @staticmethod
        def backward(ctx, grad):
            return grad * 3, None, None

    x = leaf(torch)
    y = Scale.apply(x, k=3.0)
    y.sum().backward()
    return [info(y), y.grad_fn.seen, graph(y.grad_fn), grad_of(x)]


@programs
def custom_function_marking_an_input_dirty_returns_it(torch):
    class AddOne(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            x.add_(1)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad

    x = leaf(torch)
    y = x.clone()
    z = AddOne.apply(y)
    z.sum().backward()
    return [info(z), z is y, info(y), grad_of(x), y._version, graph(y.grad_fn)]


@programs.raising
def calling_an_instance_of_a_function_raises_and_warns(torch):
    class Double(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

    Double()(leaf(torch))


@programs.raising
def custom_function_returning_too_few_gradients_raises(torch):
    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            return x * y

        @staticmethod
        def backward(ctx, grad):
            return grad

    x = leaf(torch)
    Scale.apply(x, leaf(torch)).sum().backward()


@programs
def custom_function_marking_an_output_non_differentiable(torch):
    class ReluWithMask(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            mask = (x > 0).float()
            ctx.mark_non_differentiable(mask)
            ctx.save_for_backward(mask)
            return x * mask, mask

        @staticmethod
        def backward(ctx, grad, grad_mask):
            (mask,) = ctx.saved_tensors
            return grad * mask

    x = leaf(torch, (3.0, -1.0, 2.0))
    values, mask = ReluWithMask.apply(x)
    (values * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
    return [info(values), info(mask), grad_of(x)]


@programs
def custom_function_without_materialized_grads_sees_none(torch):
    class Pair(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return x * 2, x * 3

        @staticmethod
        def backward(ctx, grad_a, grad_b):
            ctx.seen = [grad_a is None, grad_b is None]
            return grad_a * 2 if grad_a is not None else None

    x = leaf(torch)
    a, _ = Pair.apply(x)
    a.sum().backward()
    return [a.grad_fn.seen, grad_of(x)]


@programs
def custom_function_backward_is_differentiable_twice(torch):
    x = leaf(torch, (1.0, -2.0))
    y = cube_function(torch).apply(x, 1.0)
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return [info(g), info(gg)]


@programs
def custom_function_returning_its_input(torch):
    class Identity(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad * 5

    x = leaf(torch)
    y = Identity.apply(x)
    y.sum().backward()
    return [info(y), y is x, grad_of(x)]


@programs.raising
def custom_function_saved_tensors_after_backward(torch):
    x = leaf(torch)
    y = cube_function(torch).apply(x, 1.0)
    y.sum().backward()
    return y.grad_fn.saved_tensors


@programs
def custom_function_with_setup_context(torch):
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(x):
            return x * x

        @staticmethod
        def setup_context(ctx, inputs, output):
            (x,) = inputs
            ctx.save_for_backward(x)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 2 * x

    x = leaf(torch)
    y = Square.apply(x)
    y.sum().backward()
    return [info(y), grad_of(x)]


# ----- backward: accumulation, retain_graph, create_graph -------------------------------

@programs
def gradients_accumulate_over_two_backwards(torch):
    x = leaf(torch)
    (x * x).sum().backward()
    first = info(x.grad)
    (x * 10).sum().backward()
    return [first, grad_of(x)]


@programs
def zeroing_grad_in_place_between_backwards(torch):
    x = leaf(torch)
    (x * x).sum().backward()
    x.grad.zero_()
    (x * 10).sum().backward()
    return grad_of(x)


@programs
def grad_is_accumulated_in_place_into_the_same_tensor(torch):
    x = leaf(torch)
    (x * 2).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    return [first is x.grad, info(first)]


@programs
def backward_of_a_leaf_itself(torch):
    x = torch.tensor(2.0, requires_grad=True)
    x.backward()
    return grad_of(x)


@programs
def backward_of_several_outputs_at_once(torch):
    x = leaf(torch)
    y1, y2 = x * 2, (x * x).sum()
    torch.autograd.backward([y1, y2], [torch.ones(3), torch.tensor(0.5)])
    return grad_of(x)


@programs
def autograd_grad_of_two_outputs_with_retain_graph(torch):
    x = leaf(torch)
    y = x * x
    g1 = torch.autograd.grad([y.sum(), (y * 2).sum()], x, retain_graph=True)
    g2 = torch.autograd.grad(y, x, grad_outputs=torch.ones(3))
    return [info(g1[0]), info(g2[0])]


@programs
def nodes_run_latest_first(torch):
    order = []
    x = leaf(torch)
    a = x * 2
    b = x.exp()
    c = a + b
    d = c * a
    e = d.sum()
    for t in (a, b, c, d, e):
        name = t.grad_fn.name()
        t.grad_fn.register_prehook(lambda grads, name=name: order.append(name))
    e.backward()
    return order


@programs.raising
def second_backward_without_retain_graph_raises(torch):
    x = leaf(torch)
    y = (x * x).sum()
    y.backward()
    y.backward()


@programs
def second_backward_through_nodes_that_saved_nothing_works(torch):
    x = leaf(torch)
    y = (x + 1).sum()
    y.backward()
    y.backward()
    return grad_of(x)


@programs
def double_backward_with_create_graph(torch):
    x = leaf(torch)
    y = (x ** 3).sum()
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return [info(g), info(gg)]  # g's graph: see test_known_differences.py


@programs
def third_derivative_of_sin(torch):
    x = leaf(torch, (0.5, 1.0))
    (g1,) = torch.autograd.grad(x.sin().sum(), x, create_graph=True)
    (g2,) = torch.autograd.grad(g1.sum(), x, create_graph=True)
    (g3,) = torch.autograd.grad(g2.sum(), x)
    return [info(g1), info(g2), info(g3)]


@programs
def relu_backward_keeps_inf_nan_and_signs_where_the_output_is_positive(torch):
    import math

    x = leaf(torch, (-1.0, 2.0, 0.0, 3.0, -0.0, 4.0))
    x.relu().backward(torch.tensor([math.inf, math.nan, -0.0, -0.0, 5.0, -math.inf]))
    values = x.grad.tolist()
    return [info(x.grad), [math.copysign(1.0, v) for v in values], [math.isnan(v) for v in values]]


@programs
def relu_double_backward_is_threshold_backward(torch):
    x = leaf(torch, (-1.0, 2.0, 0.5))
    y = x.relu()
    (g,) = torch.autograd.grad((y * y).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x, create_graph=True)
    node = y.grad_fn
    (inner,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    return [info(g), info(gg), inner.grad_fn.name(), inner.grad_fn._saved_threshold,
            info(inner.grad_fn._saved_self), graph(inner.grad_fn), node.name()]


@programs
def softmax_and_log_softmax_backwards_are_ops_of_their_own(torch):
    weights = torch.tensor([[1.0, 2.0, -1.0], [0.5, -0.5, 3.0]])
    shown = []
    for name, dim in (("log_softmax", 1), ("softmax", 1), ("softmax", 0)):
        x = torch.tensor([[0.1, -0.5, 2.0], [1.0, 0.3, -1.2]], requires_grad=True)
        y = getattr(x, name)(dim)
        (g,) = torch.autograd.grad((y * weights).sum(), x, create_graph=True)
        node = g.grad_fn
        shown.append([graph(node), node._saved_dim, info(node._saved_output),
                      info(node._saved_grad_output)])
        (gg,) = torch.autograd.grad((g * g).sum(), x, create_graph=True)  # second order
        (ggg,) = torch.autograd.grad((gg * gg).sum(), x)  # third
        shown.append([info(g), info(gg), ggg.tolist()])  # (float32 rounding differs in print)
    return shown


# ----- torch.autograd.grad ----------------------------------------------------------------

@programs
def autograd_grad_returns_a_tuple_and_leaves_grad_alone(torch):
    x, w = leaf(torch), leaf(torch, (4.0, 5.0, 6.0))
    grads = torch.autograd.grad((x * w).sum(), [x, w])
    return [type(grads).__name__, [info(g) for g in grads], x.grad, w.grad]


@programs
def autograd_grad_with_grad_outputs(torch):
    x = leaf(torch)
    (g,) = torch.autograd.grad(x * x, x, grad_outputs=torch.tensor([1.0, 0.5, 0.0]))
    return info(g)


@programs
def autograd_grad_of_a_non_leaf(torch):
    x = leaf(torch)
    h = x * 2
    (g,) = torch.autograd.grad((h * h).sum(), h)
    return info(g)


@programs
def autograd_grad_with_the_same_input_twice(torch):
    x = leaf(torch)
    return [info(g) for g in torch.autograd.grad((x * x).sum(), [x, x])]


@programs
def backward_inputs_with_a_non_leaf_retains_its_grad(torch):
    x = leaf(torch)
    h = x * 2
    y = (h * h).sum()
    y.backward(inputs=[h], retain_graph=True)
    first = [info(h.grad), x.grad, h.retains_grad]
    y.backward(inputs=[h, x])
    return first + [info(h.grad), grad_of(x)]


@programs
def autograd_grad_allow_unused_gives_none(torch):
    x, unused = leaf(torch), leaf(torch)
    return [None if g is None else info(g)
            for g in torch.autograd.grad((x * 2).sum(), [x, unused], allow_unused=True)]


@programs.raising
def autograd_grad_of_an_unused_input_raises(torch):
    x, unused = leaf(torch), leaf(torch)
    torch.autograd.grad((x * 2).sum(), [x, unused])


@programs
def autograd_backward_function_form(torch):
    x = leaf(torch)
    torch.autograd.backward([(x * x).sum()])
    torch.autograd.backward(x * 2, grad_tensors=torch.ones(3))
    return grad_of(x)


# ----- hooks on nodes -------------------------------------------------------------------

@programs
def node_hooks_see_grad_inputs_and_outputs(torch):
    x = leaf(torch)
    y = x * 2
    seen = []
    y.grad_fn.register_hook(lambda inputs, outputs: seen.append(
        [[None if g is None else g.tolist() for g in inputs], [g.tolist() for g in outputs]]))
    y.grad_fn.register_prehook(lambda outputs: (outputs[0] * 10,))
    y.sum().backward()
    return [seen, grad_of(x)]


@programs
def hook_on_a_leaf_used_twice_sees_the_summed_gradient(torch):
    x = leaf(torch)
    seen = []
    x.register_hook(lambda g: seen.append(g.tolist()))
    (x * 2 + x * 3).sum().backward()
    return seen


@programs
def retain_grad_then_in_place_keeps_the_gradient_of_the_new_value(torch):
    x = leaf(torch)
    y = x * 2
    y.retain_grad()
    y.add_(1)
    (y * 3).sum().backward()
    return [info(y.grad), grad_of(x)]


@programs
def hooks_run_and_retain_grad_sees_the_hooked_gradient(torch):
    x = leaf(torch)
    y = x * 1
    y.retain_grad()
    y.register_hook(lambda g: g * 2)
    (y * 3).sum().backward()
    return [info(y.grad), grad_of(x)]


# ----- grad modes -------------------------------------------------------------------------

@programs
def no_grad_context_makes_results_without_graph(torch):
    x = leaf(torch)
    with torch.no_grad():
        y = x * 2
        inside = torch.is_grad_enabled()
    return [info(y), inside, torch.is_grad_enabled()]


@programs
def no_grad_as_a_decorator(torch):
    @torch.no_grad()
    def double(t):
        return t * 2, torch.is_grad_enabled()

    y, inside = double(leaf(torch))
    return [info(y), inside, torch.is_grad_enabled()]


@programs
def enable_grad_inside_no_grad(torch):
    x = leaf(torch)
    with torch.no_grad():
        with torch.enable_grad():
            y = x * 2
        z = x * 2
    return [info(y), info(z)]


@programs
def enable_grad_as_a_decorator_inside_no_grad(torch):
    @torch.enable_grad()
    def double(t):
        return t * 2

    with torch.no_grad():
        y = double(leaf(torch))
    return info(y)


@programs
def set_grad_enabled_as_context_and_as_a_call(torch):
    x = leaf(torch)
    with torch.set_grad_enabled(False):
        a = x * 2
    with torch.set_grad_enabled(True):
        b = x * 2
    torch.set_grad_enabled(False)
    c = x * 2
    off = torch.is_grad_enabled()
    torch.set_grad_enabled(True)
    return [info(a), info(b), info(c), off, torch.is_grad_enabled()]


@programs
def inference_mode_context_and_decorator(torch):
    x = leaf(torch)
    with torch.inference_mode():
        y = x * 2
        inside = [torch.is_grad_enabled(), torch.is_inference_mode_enabled()]

    @torch.inference_mode()
    def double(t):
        return t * 2

    return [info(y), inside, info(double(x)), torch.is_inference_mode_enabled()]


@programs
def tensors_made_in_inference_mode_are_inference_tensors(torch):
    with torch.inference_mode():
        t = torch.ones(2)
        u = t * 2
        w = torch.ones(2, requires_grad=True)
        v = w * 2
    with torch.no_grad():
        n = torch.ones(2)
    return [t.is_inference(), u.is_inference(), w.is_inference(), info(w), info(v),
            t.clone().is_inference(), (t * 2).is_inference(), t.detach().is_inference(),
            t.view(2).is_inference(), t[0].is_inference(), n.is_inference(),
            info(t + torch.ones(2, requires_grad=True))]


@programs.raising
def inference_tensor_saved_for_backward_raises(torch):
    with torch.inference_mode():
        t = torch.ones(2)
    return torch.ones(2, requires_grad=True) * t


@programs.raising
def inference_tensor_changed_in_place_outside_inference_mode_raises(torch):
    with torch.inference_mode():
        t = torch.ones(2)
    t[0].add_(1)


@programs.raising
def inference_tensor_requiring_grad_outside_inference_mode_raises(torch):
    with torch.inference_mode():
        t = torch.ones(2)
    t.requires_grad_()


@programs
def inference_tensor_changed_in_place_inside_inference_mode(torch):
    with torch.inference_mode():
        t = torch.ones(2)
    with torch.inference_mode():
        t.add_(1)
    return info(t)


@programs
def grad_mode_is_restored_after_an_exception(torch):
    try:
        with torch.no_grad():
            raise KeyError("stop")
    except KeyError:
        pass
    return torch.is_grad_enabled()


# ----- the version counter ----------------------------------------------------------------

@programs.raising
def modifying_a_saved_output_in_place_raises_at_backward(torch):
    x = leaf(torch)
    y = x.exp()
    y.add_(1)
    y.sum().backward()


@programs.raising
def modifying_a_saved_input_in_place_raises_at_backward(torch):
    x = leaf(torch)
    h = x * 2
    y = h * h
    h.mul_(3)
    y.sum().backward()


@programs.raising
def modifying_a_saved_leaf_without_grad_raises_at_backward(torch):
    x, w = leaf(torch), torch.tensor([1.0, 2.0, 3.0])
    y = x * w
    w.add_(1)
    y.sum().backward()


@programs.raising
def in_place_on_a_leaf_requiring_grad_raises(torch):
    x = leaf(torch)
    x.add_(1)


@programs.raising
def anomaly_detection_shows_where_the_failing_node_was_made(torch):
    with torch.autograd.set_detect_anomaly(True):
        x = leaf(torch)
        y = x.exp()
        y.add_(1)
        y.sum().backward()


@programs.raising
def detect_anomaly_finds_a_nan_gradient(torch):
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    with torch.autograd.detect_anomaly():
        (x / x).sum().backward()


@programs
def anomaly_detection_switches_and_metadata(torch):
    states = [torch.is_anomaly_enabled()]
    switch = torch.autograd.set_detect_anomaly(True, check_nan=False)
    states += [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
    y = leaf(torch) * 2
    with switch:
        pass
    states += [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
    return states + [list(y.grad_fn.metadata), type(y.grad_fn.metadata["traceback_"]).__name__]


@programs
def in_place_on_a_leaf_under_no_grad_is_allowed(torch):
    x = leaf(torch)
    with torch.no_grad():
        x.mul_(2)
        x -= 1
    return [info(x), x._version]


@programs
def data_bypasses_the_version_counter(torch):
    x = leaf(torch)
    w = torch.tensor([1.0, 2.0, 3.0])
    y = x * w
    w.data.add_(10)
    y.sum().backward()
    return [w._version, grad_of(x)]


@programs
def in_place_on_an_unsaved_non_leaf_is_fine(torch):
    x = leaf(torch)
    y = x * 2
    z = y + 1
    y.add_(100)
    z.sum().backward()
    return [y._version, info(y), grad_of(x)]


# ----- Variable and gradcheck -------------------------------------------------------------

@programs
def variable_wraps_a_tensor(torch):
    Variable = torch.autograd.Variable
    v = Variable(torch.tensor([1.0, 2.0]), requires_grad=True)
    (v * v).sum().backward()
    return [info(v), grad_of(v), isinstance(v, torch.Tensor), isinstance(v, Variable)]


@programs
def gradcheck_passes_for_correct_gradients(torch):
    a = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([1.5, 0.5, -0.7], dtype=torch.float64, requires_grad=True)
    m = torch.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], dtype=torch.float64,
                     requires_grad=True)
    gradcheck = torch.autograd.gradcheck
    return [gradcheck(lambda x, y: (x * y).sin(), (a, b)),
            gradcheck(lambda x: x.softmax(0).log(), (a,)),
            gradcheck(lambda x, w: (x @ w).tanh(), (a, m)),
            gradcheck(lambda x: (x ** 2).sum() / x.exp().sum(), (b,))]


@programs.raising
def gradcheck_finds_a_wrong_backward(torch):
    class WrongSquare(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * x  # should be 2x

    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    torch.autograd.gradcheck(WrongSquare.apply, (x,))


@programs
def a_saved_slot_that_was_never_filled_reads_none_after_backward(torch):
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0)  # needs no grad, so a (what b's gradient would need) is not saved
    c = a * b
    before = [c.grad_fn._saved_self, info(c.grad_fn._saved_other)]
    c.backward()
    X = torch.ones(3, 2)
    w = torch.ones(2, requires_grad=True)
    y = X @ w
    y.sum().backward()
    return before + [c.grad_fn._saved_self, y.grad_fn._saved_vec is None]


@programs.raising
def a_saved_slot_that_was_filled_is_freed_by_backward(torch):
    a = torch.tensor(2.0, requires_grad=True)
    c = a * torch.tensor(3.0)
    c.backward()
    return c.grad_fn._saved_other


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
