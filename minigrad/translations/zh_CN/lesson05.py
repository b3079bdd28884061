"""Lesson 05: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # grad_after_loop
    "`w.grad.zero_()` fills the gradient with zeros in place; only `zero_grad()` (or "
    "`w.grad = None`) leaves None.":
        "`w.grad.zero_()` 是原地把梯度填成零；只有 `zero_grad()`（或 `w.grad = None`）"
        "才会留下 None。",
    "w has two elements, so w.grad holds two numbers, e.g. [1.0, 2.0].":
        "w 有两个元素，所以 w.grad 里是两个数，例如 [1.0, 2.0]。",
    "The zero_() after the first pass emptied it, and the two passes after it each added "
    "x = [1, 2].":
        "第一次反向传播之后的 zero_() 把它清空了，之后的两次反向传播各加上了 x = [1, 2]。",
    "that counts all three passes; `w.grad.zero_()` after the first one threw its [1, 2] away.":
        "这把三次都算进去了；第一次之后的 `w.grad.zero_()` 已经把那次的 [1, 2] 清掉了。",
    "backward() adds into .grad, it does not overwrite it: the two passes after zero_() add up "
    "to twice [1, 2].":
        "backward() 是往 .grad 上累加，而不是覆盖它：zero_() 之后的两次反向传播加起来是 "
        "[1, 2] 的两倍。",
    "zero_() ran after the first pass only; the two passes after it added into those zeros.":
        "zero_() 只在第一次之后运行过；之后的两次反向传播又往这些零上累加了。",
    "each pass adds x = [1, 2] to w.grad; count the passes after the zero_().":
        "每次反向传播都往 w.grad 上加 x = [1, 2]；数一数 zero_() 之后有几次。",
    # weights_after_seed_update
    "w1 has three elements: answer with three numbers, or the tensor w1.":
        "w1 有三个元素：用三个数回答，或者直接用张量 w1。",
    "`w1.data.zero_()` wiped the weights, then the update subtracted 0.3 * 1/3 = 0.1 from zero.":
        "`w1.data.zero_()` 清掉了权重，然后更新又从零里减去了 0.3 * 1/3 = 0.1。",
    "that is what the post meant to do; `w1.data.zero_()` zeroed the weights first, not the "
    "gradient.":
        "这是文章本来想做的；但 `w1.data.zero_()` 先清零的是权重，不是梯度。",
    "the weights were zeroed, but the next line still subtracts lr * w1.grad, and w1.grad "
    "(1/3 each) was not touched.":
        "权重确实被清零了，但下一行还要减去 lr * w1.grad，而 w1.grad（每个元素 1/3）"
        "没有被动过。",
    "`.data` is the weights' own storage: both lines change w1 in place.":
        "`.data` 就是权重自己的存储：两行代码都在原地修改 w1。",
    "the gradient of mean(w1) is 1/3 per element, not 1.":
        "mean(w1) 的梯度是每个元素 1/3，不是 1。",
    "run the two lines in order: first the weights become zeros, then lr * w1.grad = 0.3 * 1/3 "
    "is subtracted.":
        "按顺序执行这两行：先是权重变成零，然后减去 lr * w1.grad = 0.3 * 1/3。",
    # w_without_zero_grad
    "w is a single number: answer with it, or with w itself.":
        "w 是一个数：用这个数回答，或者直接用 w。",
    "Each step used the sum of every gradient so far (-4, -6, -5), so w overshot 3 and went on "
    "to 4.75.":
        "每一步用的都是到目前为止所有梯度之和（-4、-6、-5），所以 w 冲过了 3，一直走到 4.75。",
    "that is the loop with zero_grad(); without it each step uses the sum of all gradients so "
    "far, not only the latest.":
        "这是有 zero_grad() 的循环的结果；没有它时，每一步用的是到目前为止所有梯度之和，"
        "而不只是最新的那个。",
    "w does move: only a zero_grad() between backward() and step() stops it (the step then "
    "finds no gradient).":
        "w 是会动的：只有放在 backward() 和 step() 之间的 zero_grad() 才会让它不动"
        "（那时 step() 找不到梯度）。",
    "that is w after two steps; the third step uses -6 + 1 = -5.":
        "这是两步之后的 w；第三步用的是 -6 + 1 = -5。",
    "3 is the minimum, but the accumulated gradients overshoot it.":
        "3 是最小值点，但累加起来的梯度会让 w 冲过它。",
    "step by step: the gradient is 2 * (w - 3) added to every earlier one, and w moves by "
    "-0.25 times that sum.":
        "一步一步算：梯度 2 * (w - 3) 会加到之前所有的梯度上，w 每次移动这个和的 -0.25 倍。",
    # predict questions
    "What is model.weight.grad after optimizer.zero_grad()?":
        "optimizer.zero_grad() 之后，model.weight.grad 是什么？",
    "tensor([[0.]])": "tensor([[0.]])",
    "None": "None",
    "tensor([[-17.]]), unchanged": "tensor([[-17.]])，没有变",
    "Without any zero_grad(), what happens to the loss over 30 steps?":
        "完全不调用 zero_grad()，30 步里损失会怎样变化？",
    "the same curve as with zero_grad()": "和有 zero_grad() 时的曲线一样",
    "it still goes down, only more slowly": "仍然下降，只是慢一些",
    "it swings up and down and never settles": "上下摆动，始终稳定不下来",
}
