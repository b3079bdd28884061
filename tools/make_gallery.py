"""Draw the gallery of autograd graphs in docs/gallery/ (SVG), one small program each.

usage: python tools/make_gallery.py [--renderer auto|dot|wasm] [--out DIR]

Each picture is written with ``import minigrad as torch``: the same program runs on PyTorch
and ``minigrad.viz.draw`` draws the same graph for it.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import minigrad as torch
from minigrad.viz import draw, record_gradients, set_renderer

OUT = Path(__file__).resolve().parent.parent / "docs" / "gallery"
GALLERY = {}  # file stem -> function returning a GraphView


def picture(function):
    GALLERY[function.__name__] = function
    return function


def chain_rule():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    d = torch.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return a, b, c, d, e


@picture
def chain_rule_before_backward():
    """e = (a*b)*d as built by the forward pass: nothing has flowed back yet."""
    a, b, c, d, e = chain_rule()
    return draw(e, a=a, b=b, c=c, d=d, e=e)


@picture
def chain_rule_after_backward():
    """After e.backward(): each arrow carries its gradient; the leaves hold 12, 8 and 6."""
    a, b, c, d, e = chain_rule()
    with record_gradients() as flow:
        e.backward()
    return draw(e, a=a, b=b, c=c, d=d, e=e, grad_flow=flow)


@picture
def saved_tensors_freed():
    """A second backward would fail: the values saved for the first one are gone."""
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    y = (x.exp() * x.sin()).sum()
    y.backward()  # without retain_graph=True: the saved tensors are freed
    return draw(y, x=x, y=y)


@picture
def frozen_layer():
    """The first layer is frozen: its weight gets no gradient and is not in the graph."""
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    model[0].weight.requires_grad_(False)
    x = torch.randn(4, 2)
    loss = model(x).pow(2).mean()
    return draw(loss, group_by=model, x=x, loss=loss, legend=True)


@picture
def detached_branch():
    """z = h.detach() shares h's numbers but not its graph: no gradient flows through z."""
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    z = h.detach()
    out = (z * w).sum() + h.sum()
    out.backward()
    return draw(out, w=w, h=h, z=z, out=out)


@picture
def no_grad_block():
    """k was computed under torch.no_grad(): a constant, so w gets gradient only through y."""
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        k = w * 3
    y = w * k
    loss = y.sum()
    loss.backward(retain_graph=True)  # keep the saved tensors, to show k saved by the product
    return draw(loss, w=w, k=k, y=y, loss=loss, show_none=True)


@picture
def mlp_loss_grouped_by_module():
    """A small MLP's loss, each Linear layer's parameters and ops framed together.

    retain_graph=True keeps the saved tensors, which show where x and target enter.
    """
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    x, target = torch.randn(8, 2), torch.randn(8, 1)
    loss = nn.functional.mse_loss(model(x), target)
    loss.backward(retain_graph=True)
    return draw(loss, group_by=model, x=x, target=target, loss=loss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renderer", default="auto", choices=("auto", "dot", "wasm"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    set_renderer(args.renderer)
    try:
        import minigrad.nn.functional  # noqa: F401 - the layer pictures need torch.nn
    except ImportError as error:
        raise SystemExit(f"the gallery needs minigrad.nn: {error}") from error
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in GALLERY.items():
        path = make().save(args.out / f"{name}.svg")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
