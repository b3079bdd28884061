"""Lesson 07: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # grad_through_detached_factor
    "only the copy made by detach() is cut off; the other factor c still leads back to a "
    "through MulBackward0, so a.grad is a tensor.":
        "被切断的只是 detach() 得到的那一份；另一个因子 c 仍然经由 MulBackward0 通向 a，"
        "所以 a.grad 是一个张量。",
    "give one number (or a one-element tensor), e.g. the value of a.grad after backward().":
        "请给出一个数（或只有一个元素的张量），例如 backward() 之后 a.grad 的值。",
    "c.detach() counts as the constant 6, so e = 6·c and de/da = 6 · dc/da = 6 · 3 = 18.":
        "c.detach() 算作常数 6，所以 e = 6·c，de/da = 6 · dc/da = 6 · 3 = 18。",
    "36 is the gradient of c·c with both factors tracked (2c · b); the detached factor is a "
    "constant, so only one factor sends a gradient.":
        "36 是两个因子都被追踪时 c·c 的梯度（2c · b）；detach 出来的因子是常数，"
        "所以只有一个因子传回梯度。",
    "6 is de/dc; the chain rule still multiplies by dc/da = b = 3.":
        "6 是 de/dc；按链式法则还要再乘以 dc/da = b = 3。",
    "12 is 2c, the derivative of c² with both factors tracked, and the chain rule's "
    "dc/da = b = 3 is missing too.":
        "12 是 2c，即两个因子都被追踪时 c² 的导数，而且还漏掉了链式法则中的 dc/da = b = 3。",
    "the detached factor sends nothing back, but the other factor c does: a.grad is not 0.":
        "detach 出来的因子什么也不传回，但另一个因子 c 会：a.grad 不是 0。",
    "{value:g} is not it: treat c.detach() as the constant 6, so e = 6·c, then apply the "
    "chain rule through c = a·b.":
        "答案不是 {value:g}：把 c.detach() 当作常数 6，于是 e = 6·c，"
        "再沿 c = a·b 用链式法则。",
    # grad_with_detached_target
    "w is a leaf that requires grad and pred is built from it, so backward() stores a tensor "
    "in w.grad, not None.":
        "w 是 requires_grad=True 的叶子张量，pred 由它算出，所以 backward() 会在 w.grad 里"
        "存一个张量，而不是 None。",
    "give one number (or a one-element tensor), e.g. the value of w.grad after backward().":
        "请给出一个数（或只有一个元素的张量），例如 backward() 之后 w.grad 的值。",
    "the detached target is the constant 3, so dloss/dw = 2·(pred − 3)·x = 2·(−1)·2 = −4.":
        "detach 之后的目标是常数 3，所以 dloss/dw = 2·(pred − 3)·x = 2·(−1)·2 = −4。",
    "0 is what you get without detach(): then target = pred + 1 moves with w, the difference "
    "is always −1 and the loss never changes.":
        "0 是不用 detach() 时的结果：那时 target = pred + 1 随 w 一起变，差永远是 −1，"
        "损失永远不变。",
    "check the sign: pred − target = 2 − 3 = −1, so the gradient is negative (raising w "
    "brings pred closer to 3).":
        "检查一下符号：pred − target = 2 − 3 = −1，所以梯度是负的（增大 w 会让 pred 更接近 3）。",
    "the chain rule also multiplies by d(pred)/dw = x = 2.":
        "链式法则还要乘以 d(pred)/dw = x = 2。",
    "{value:g} is the loss or pred − target; the question asks for w.grad, dloss/dw.":
        "{value:g} 是损失或 pred − target 的值；题目问的是 w.grad，即 dloss/dw。",
    "{value:g} is not it: with target the constant 3, loss = (2w − 3)², so "
    "dloss/dw = 2·(2w − 3)·2 at w = 1.":
        "答案不是 {value:g}：target 是常数 3 时 loss = (2w − 3)²，"
        "所以要求的是 w = 1 处的 dloss/dw = 2·(2w − 3)·2。",
    # weights_after_old_update
    "give the three numbers in w1 after the update, as a list or a tensor.":
        "请给出更新之后 w1 里的三个数，写成列表或张量。",
    "w1.data.zero_() zeroed the weights themselves (the gradient stayed 1/3), so the update "
    "moved them from 0 to −0.001/3 ≈ −0.000333.":
        "w1.data.zero_() 清零的是权重本身（梯度仍是 1/3），所以这次更新把它们从 0 移到了 "
        "−0.001/3 ≈ −0.000333。",
    "that is what the post meant to happen, but w1.data.zero_() zeroes the weights, not the "
    "gradient: the update starts from [0, 0, 0].":
        "这是那篇博客文章想要的结果，但 w1.data.zero_() 清零的是权重，不是梯度："
        "更新是从 [0, 0, 0] 开始的。",
    "the weights are zeroed, but the gradient is still 1/3 each (zero_ did not touch "
    "w1.grad), so sub_ moves them below 0.":
        "权重确实被清零了，但梯度仍然每个都是 1/3（zero_ 没有碰 w1.grad），"
        "所以 sub_ 会把它们减到 0 以下。",
    "in-place changes through .data are not blocked: w1.data.zero_() and sub_ change w1 "
    "itself.":
        "通过 .data 做的原地操作不会被拦下：w1.data.zero_() 和 sub_ 改的都是 w1 本身。",
    "run the two lines in your head: first every weight becomes 0, then each moves by "
    "−lr · grad = −0.001 · 1/3.":
        "在脑子里把这两行走一遍：先是每个权重都变成 0，然后各自移动 −lr · grad = −0.001 · 1/3。",
    # predict: what backward reaches through a detached tensor
    "After e.backward(), what are a.grad, b.grad and d.grad?":
        "执行 e.backward() 之后，a.grad、b.grad 和 d.grad 分别是什么？",
    "tensor(12.), tensor(8.), tensor(6.): the same as for e = c * d":
        "tensor(12.), tensor(8.), tensor(6.)：和 e = c * d 时一样",
    "None, None, tensor(6.)": "None, None, tensor(6.)",
    "tensor(0.), tensor(0.), tensor(6.)": "tensor(0.), tensor(0.), tensor(6.)",
    "an error: a and b are not in the graph": "报错：a 和 b 不在计算图中",
    # predict: detach() shares memory
    "We write y_d[0] = 100. What does y show afterwards?":
        "执行 y_d[0] = 100 之后，y 显示的是什么？",
    "tensor([2., 4., 6.], grad_fn=<MulBackward0>): y_d is a copy":
        "tensor([2., 4., 6.], grad_fn=<MulBackward0>)：y_d 是一份副本",
    "tensor([100., 4., 6.], grad_fn=<MulBackward0>)":
        "tensor([100., 4., 6.], grad_fn=<MulBackward0>)",
    "an error: y_d does not require grad, so it cannot be changed":
        "报错：y_d 的 requires_grad 是 False，所以不能修改",
}
