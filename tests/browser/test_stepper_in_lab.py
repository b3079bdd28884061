"""The stepper demo in a real JupyterLab: run every cell, click "step", watch the graph change.

Expected values for e = (a*b)*d with a=2, b=3, d=4: the first node (MulBackward0, the node
that made e) sends 4.0 and 6.0; the second node is d's AccumulateGrad, which stores 6.0; after
the fifth node comes the "done" state (step 6), with a.grad = 12.0, b.grad = 8.0, d.grad = 6.0.
"""
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-output"  # screenshots (not in git)

NOTEBOOK = "stepper_demo.ipynb"
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


@pytest.fixture
def page(chromium):
    page = chromium.new_page(viewport={"width": 1400, "height": 1100})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def button(widget, label: str):
    """A widget button by its label (Font Awesome icons add characters to accessible names)."""
    return widget.locator("button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def running_node(stepper) -> str:
    """The text of the highlighted box in the stepper's graph ("" when none is)."""
    boxes = stepper.locator("svg g.node", has_text="RUNNING")
    return boxes.first.text_content() if boxes.count() else ""


def test_stepper_demo_runs_and_steps_in_jupyterlab(chromium, lab, page):
    from playwright.sync_api import expect

    panel = lab.open(page, NOTEBOOK)
    lab.run_all(page)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle")
    expect(panel.locator(STDERR)).to_have_count(0)  # errors and warnings show as stderr
    expect(panel.get_by_text(re.compile("Error displaying widget"))).to_have_count(0)

    stepper = panel.locator(".minigrad-stepper").first
    stepper.scroll_into_view_if_needed()
    expect(stepper.locator("svg g.node").first).to_be_visible(timeout=60_000)
    words = stepper.locator(".minigrad-stepper-words")
    grads = stepper.locator(".minigrad-stepper-grads")
    expect(words).to_contain_text("backward() starts at e")
    expect(grads).to_have_text("a.grad = None, b.grad = None, d.grad = None")
    assert running_node(stepper) == ""
    key = stepper.locator(".minigrad-stepper-key")
    expect(key).to_be_visible()
    for words_in_key in ("RUNNING", "done", "waiting", "solid arrow", "dashed arrow"):
        expect(key).to_contain_text(words_in_key)
    # The play control: play/pause and stop; its loop button is hidden (show_repeat=False).
    expect(stepper.locator(".widget-play button:visible")).to_have_count(2)
    expect(stepper.locator(".widget-play button:has(.fa-retweet)")).to_be_hidden()

    step = button(stepper, "step")
    step.click()
    expect(words).to_contain_text("MulBackward0 (the node that made e) received 1.0")
    expect(stepper.locator("svg g.node", has_text="RUNNING")).to_have_count(1)
    first = running_node(stepper)
    assert "MulBackward0" in first

    step.click()
    expect(words).to_contain_text("AccumulateGrad of d received 6.0")
    expect(grads).to_have_text("a.grad = None, b.grad = None, d.grad = 6.0")
    expect(stepper.locator("svg g.node", has_text="AccumulateGrad").filter(
        has_text="RUNNING")).to_have_count(1)
    second = running_node(stepper)
    assert second != first and "AccumulateGrad" in second

    step.click()
    expect(words).to_contain_text("MulBackward0 (the node that made c) received 4.0")
    expect(stepper.locator("svg")).to_contain_text("12.0")  # the gradient just sent to a
    stepper.evaluate("element => element.scrollIntoView({block: 'start'})")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stepper_midway.png"))  # JupyterLab as a learner sees it
    page.set_viewport_size({"width": 1400, "height": 2200})  # room for the whole widget
    stepper.evaluate("element => element.scrollIntoView({block: 'start'})")
    stepper.screenshot(path=str(ARTIFACTS / "stepper_midway_widget.png"))

    for position in (4, 5):
        step.click()
        expect(stepper).to_contain_text(f"step {position} of 5")
    expect(stepper.locator("svg g.node", has_text="RUNNING")).to_have_count(1)  # b's node
    step.click()  # past the last node: backward is done
    title = stepper.locator(".widget-html", has_text="e.backward()").first
    expect(title).to_contain_text("done: all 5 steps ran")
    expect(words).to_contain_text("backward() is done: all 5 nodes ran, none is running now.")
    expect(grads).to_have_text("a.grad = 12.0, b.grad = 8.0, d.grad = 6.0")
    expect(stepper.locator("svg g.node", has_text="RUNNING")).to_have_count(0)
    expect(stepper.locator("svg g.node", has_text="grad = 12.0")).to_have_count(1)  # a's box
    step.click()  # nothing after done
    expect(title).to_contain_text("done: all 5 steps ran")
    stepper.evaluate("element => element.scrollIntoView({block: 'start'})")
    stepper.screenshot(path=str(ARTIFACTS / "stepper_end_state.png"))

    button(stepper, "reset").click()
    expect(words).to_contain_text("backward() starts at e")
    expect(stepper.locator("svg g.node", has_text="RUNNING")).to_have_count(0)


def test_accumulation_panel_buttons_change_grad_in_jupyterlab(chromium, lab, page):
    from playwright.sync_api import expect

    panel = lab.open(page, NOTEBOOK)
    lab.run_all(page)
    accumulation = panel.locator(".minigrad-accumulation").first
    accumulation.scroll_into_view_if_needed()
    grads = accumulation.locator(".minigrad-grads")
    expect(grads).to_contain_text("None")
    backward = button(accumulation, "backward()")
    backward.click()
    expect(grads).to_contain_text("tensor([3., 4.])")
    backward.click()
    expect(grads).to_contain_text("tensor([6., 8.])")  # a second backward adds
    button(accumulation, "zero_grad()").click()
    expect(grads).to_contain_text("None")  # set_to_none is ticked by default
    freezing, trained = panel.locator(".minigrad-freezing").all()
    # The first panel shows the state its cell left: nothing trained (the next cell trains
    # a panel of its own).
    expect(freezing).to_contain_text("Untick a layer to freeze it, then train 5 steps.")
    expect(freezing).not_to_contain_text("moved")
    expect(trained.locator("img")).to_be_visible()  # the chart of that cell's training
    expect(trained).to_contain_text("0 (Linear, frozen): moved 0.0000, grad norm None")
    ARTIFACTS.mkdir(exist_ok=True)
    accumulation.screenshot(path=str(ARTIFACTS / "accumulation_panel.png"))
    trained.scroll_into_view_if_needed()
    trained.screenshot(path=str(ARTIFACTS / "freezing_panel.png"))
    button(freezing, "train 5 steps").click()  # the learner's own click trains the first one
    expect(freezing).to_contain_text("2 (Linear, trainable): moved")
