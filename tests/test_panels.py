"""AccumulationPanel and FreezingPanel, clicked as a learner clicks them."""
import numpy as np
import pytest

pytest.importorskip("ipywidgets", reason="the panels are ipywidgets widgets")
pytest.importorskip("matplotlib", reason="FreezingPanel draws its bar chart with matplotlib")

import minigrad
from minigrad.viz import AccumulationPanel, FreezingPanel

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def accumulation_panel(lib):
    w = lib.tensor([1.0, 2.0], requires_grad=True)
    x = lib.tensor([3.0, 4.0])
    return w, AccumulationPanel(lambda: (w * x).sum(), params={"w": w})


def test_backward_adds_into_grad_and_zero_grad_resets_it():
    w, panel = accumulation_panel(minigrad)
    assert "w.grad = None" in repr(panel)
    panel.backward_button.click()
    assert w.grad.tolist() == [3.0, 4.0]  # d(w·x)/dw = x
    panel.backward_button.click()
    assert w.grad.tolist() == [6.0, 8.0]  # a second backward adds
    assert panel.grads.value == (
        "<p class='minigrad-grads'><code>w.grad = tensor([6., 8.])</code></p>")
    panel.set_to_none.value = False
    kept = w.grad
    panel.zero_grad_button.click()
    assert w.grad is kept and w.grad.tolist() == [0.0, 0.0]  # zeroed in place
    panel.backward_button.click()
    assert w.grad is kept and w.grad.tolist() == [3.0, 4.0]  # added into the same tensor
    panel.set_to_none.value = True
    panel.zero_grad_button.click()
    assert w.grad is None
    assert panel.history == [
        "backward() (loss = 11.0000): w.grad = tensor([3., 4.])",
        "backward() (loss = 11.0000): w.grad = tensor([6., 8.])",
        "zero_grad(set_to_none=False): w.grad = tensor([0., 0.])",
        "backward() (loss = 11.0000): w.grad = tensor([3., 4.])",
        "zero_grad(set_to_none=True): w.grad = None",
    ]
    assert panel.log.value.count("<li>") == 5


def test_accumulation_panel_text_form_is_fixed():
    _, panel = accumulation_panel(minigrad)
    panel.backward()
    bundle = panel._repr_mimebundle_()
    assert repr(panel) == (
        "AccumulationPanel: backward() adds into .grad; zero_grad() resets it\n"
        "  w.grad = tensor([3., 4.])\n"
        "  1. backward() (loss = 11.0000): w.grad = tensor([3., 4.])"
    )
    assert bundle["text/plain"] == (  # what a notebook not run yet shows
        "AccumulationPanel: backward() adds into .grad; zero_grad() resets it\n"
        "Run this cell to get the backward() and zero_grad() buttons.\n"
        "  w.grad = tensor([3., 4.])\n"
        "  1. backward() (loss = 11.0000): w.grad = tensor([3., 4.])"
    )
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_log_keeps_the_last_eight_actions_in_view():
    _, panel = accumulation_panel(minigrad)
    for _ in range(10):
        panel.backward()
    assert panel.log.value.startswith("<ol start='3'>")
    assert panel.log.value.count("<li>") == 8
    assert "tensor([30., 40.])" in panel.log.value


@pytest.mark.torch
def test_accumulation_panel_shows_what_pytorch_shows():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    panels = [accumulation_panel(lib)[1] for lib in (minigrad, torch)]
    for panel in panels:
        panel.backward_button.click()
        panel.backward_button.click()
        panel.set_to_none.value = False
        panel.zero_grad_button.click()
        panel.backward_button.click()
    assert repr(panels[0]) == repr(panels[1])


def small_model(lib, seed=0):
    lib.manual_seed(seed)
    model = lib.nn.Sequential(lib.nn.Linear(2, 4), lib.nn.Tanh(), lib.nn.Linear(4, 1))
    x = lib.randn(16, 2)
    y = x.sum(1, keepdim=True)
    return model, (lambda: ((model(x) - y) ** 2).mean())


def test_layers_get_a_checkbox_each_that_sets_requires_grad():
    model, loss = small_model(minigrad)
    panel = FreezingPanel(model, loss)
    assert list(panel.checkboxes) == ["0", "2"]  # Tanh has no parameters
    assert panel.checkboxes["0"].description == "0 (Linear) requires_grad"
    panel.checkboxes["0"].value = False
    assert [p.requires_grad for p in model[0].parameters()] == [False, False]
    assert all(p.requires_grad for p in model[2].parameters())
    panel.checkboxes["0"].value = True
    assert all(p.requires_grad for p in model.parameters())


def test_a_frozen_layer_does_not_move_and_gets_no_gradient():
    model, loss = small_model(minigrad)
    frozen_weight = model[0].weight.detach().clone()
    panel = FreezingPanel(model, loss, steps=5, lr=0.1)
    panel.checkboxes["0"].value = False
    panel.train_button.click()
    first, last = panel.results
    assert (first["layer"], first["requires_grad"], first["moved"], first["grad_norm"]) == (
        "0", False, 0.0, None)
    assert np.array_equal(model[0].weight.detach().numpy(), frozen_weight.numpy())
    assert last["requires_grad"] and last["moved"] > 0 and last["grad_norm"] > 0
    assert float(panel.losses[1]) < float(panel.losses[0])
    assert bytes(panel.chart.value).startswith(PNG_SIGNATURE)
    assert "0 (Linear, frozen): moved 0.0000, grad norm None" in panel.table.value


def test_reset_puts_the_starting_weights_back():
    model, loss = small_model(minigrad)
    start = [p.detach().clone().numpy() for p in model.parameters()]
    panel = FreezingPanel(model, loss)
    panel.train()
    assert not np.array_equal(model[0].weight.detach().numpy(), start[0])
    panel.reset_button.click()
    assert all(np.array_equal(p.detach().numpy(), s)
               for p, s in zip(model.parameters(), start, strict=True))
    assert all(p.grad is None for p in model.parameters())
    assert panel.results == [] and bytes(panel.chart.value) == b""


def test_freezing_everything_trains_nothing_and_says_so():
    model, loss = small_model(minigrad)
    panel = FreezingPanel(model, loss)
    for box in panel.checkboxes.values():
        box.value = False
    panel.train()
    assert panel.table.value == "<p>Every layer is frozen: nothing can be trained.</p>"
    assert panel.results == []


def test_freezing_panel_text_form_is_fixed():
    texts = []
    for _ in range(2):
        model, loss = small_model(minigrad)
        panel = FreezingPanel(model, loss)
        panel.checkboxes["2"].value = False
        panel.train()
        texts.append(panel._repr_mimebundle_()["text/plain"])
    assert texts[0] == texts[1]
    lines = texts[0].splitlines()
    assert lines[:4] == ["FreezingPanel: 2 layers, train() runs 5 steps",
                         "Run this cell to get a checkbox per layer and a button that trains.",
                         "  0 (Linear): requires_grad=True",
                         "  2 (Linear): requires_grad=False"]
    assert lines[-1] == "  2 (Linear, frozen): moved 0.0000, grad norm None"
    assert "0x" not in texts[0]


@pytest.mark.torch
def test_freezing_panel_moves_layers_as_pytorch_does():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    model, _ = small_model(minigrad)
    torch_model, _ = small_model(torch)
    with torch.no_grad():  # the same starting weights and data in both
        for mine, theirs in zip(model.parameters(), torch_model.parameters(), strict=True):
            theirs.copy_(torch.from_numpy(mine.detach().numpy().copy()))
    x = torch.from_numpy(np.random.default_rng(0).normal(size=(16, 2)).astype(np.float32))
    mx = minigrad.from_numpy(x.numpy().copy())
    panels = [  # each trains with its own library's SGD, with no optimizer given
        FreezingPanel(model, lambda: ((model(mx) - mx.sum(1, keepdim=True)) ** 2).mean()),
        FreezingPanel(torch_model,
                      lambda: ((torch_model(x) - x.sum(1, keepdim=True)) ** 2).mean()),
    ]
    for panel in panels:
        panel.checkboxes["0"].value = False
        panel.train()
    frozen, trained = zip(*(panel.results for panel in panels), strict=True)
    assert [(r["moved"], r["grad_norm"]) for r in frozen] == [(0.0, None), (0.0, None)]
    mine, theirs = trained
    assert mine["grad_norm"] == pytest.approx(theirs["grad_norm"], rel=1e-5)
    assert mine["moved"] == pytest.approx(theirs["moved"], rel=1e-5)
    assert panels[0].losses == panels[1].losses


@pytest.mark.torch
def test_a_pytorch_model_trains_with_pytorchs_optimizer():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    model, loss = small_model(torch)
    panel = FreezingPanel(model, loss, steps=3, lr=0.1)
    optimizer = panel.make_optimizer(list(model.parameters()))
    assert type(optimizer) is torch.optim.SGD and optimizer.defaults["lr"] == 0.1
    panel.checkboxes["2"].value = False
    assert [p.requires_grad for p in model[2].parameters()] == [False, False]
    panel.train_button.click()
    first, last = panel.results
    assert first["moved"] > 0 and first["grad_norm"] > 0
    assert (last["moved"], last["grad_norm"]) == (0.0, None)
    assert "2 (Linear, frozen): moved 0.0000, grad norm None" in repr(panel)
    panel.reset_button.click()
    assert all(p.grad is None for p in model.parameters()) and panel.results == []


def test_a_minigrad_model_still_trains_with_minigrads_optimizer():
    model, loss = small_model(minigrad)
    optimizer = FreezingPanel(model, loss).make_optimizer(list(model.parameters()))
    assert type(optimizer) is minigrad.optim.SGD


@pytest.mark.torch
def test_the_accumulation_panel_takes_pytorch_tensors():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    w, panel = accumulation_panel(torch)
    panel.backward_button.click()
    panel.backward_button.click()
    assert torch.equal(w.grad, torch.tensor([6.0, 8.0]))
    assert "w.grad = tensor([6., 8.])" in panel.grads.value
    panel.zero_grad_button.click()
    assert w.grad is None and "w.grad = None" in repr(panel)
