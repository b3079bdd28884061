"""Lesson 06: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # twice_without_retain_graph
    'answer with the letters of the graphs that can run twice, e.g. "bc".':
        '用能运行两次的计算图的字母回答，例如 "bc"。',
    "Only (a) and (d) save no tensor, so only they have nothing to free.":
        "只有 (a) 和 (d) 不保存张量，所以只有它们没有东西可释放。",
    "{reason} The first backward frees it.": "{reason}第一次反向传播就会把保存的张量释放掉。",
    "{reason} So nothing is freed: it can run again.":
        "{reason}所以没有东西被释放：它可以再运行一次。",
    "(a) `w + 1` saves nothing: its backward passes the gradient on unchanged.":
        "(a) `w + 1` 什么都不保存：它的反向传播把梯度原样传下去。",
    "(b) `w * w` saves both factors: each one's gradient is the other factor.":
        "(b) `w * w` 保存两个因子：每个因子的梯度都是另一个因子。",
    "(c) `exp` saves its result, because the derivative of exp is exp itself.":
        "(c) `exp` 保存它的结果，因为 exp 的导数就是 exp 本身。",
    "(d) `mean` saves only the input's size and count, no tensor.":
        "(d) `mean` 只保存输入的形状和元素个数，不保存张量。",
    "(e) `w * 3` saves the 3 as a tensor: w's gradient is 3 times the incoming one.":
        "(e) `w * 3` 把 3 作为张量保存下来：w 的梯度是传进来的梯度的 3 倍。",
    # w2_grad_after_three
    "w2 has three elements: answer with three numbers, or the tensor w2.grad.":
        "w2 有三个元素：用三个数回答，或者直接用张量 w2.grad。",
    "Each pass adds w1 / 3 = [1/3, 2/3, 1], and retain_graph=True let all three passes run.":
        "每次反向传播都加上 w1 / 3 = [1/3, 2/3, 1]，而 retain_graph=True 让三次都能运行。",
    "that is one pass; the gradients of all three passes add up.":
        "这只是一次的结果；三次反向传播的梯度会累加起来。",
    "that is two passes: the last backward(), without retain_graph, still runs (it is only the "
    "one after it that would fail).":
        "这是两次的结果：最后那次不带 retain_graph 的 backward() 照样会运行"
        "（会失败的是它之后的那一次）。",
    "that is w1.grad: w1 appears twice in w1 * w2 + w1, w2 only in the product, so "
    "d(res)/d(w2) = w1 / 3.":
        "这是 w1.grad：w1 在 w1 * w2 + w1 里出现了两次，w2 只出现在乘积里，"
        "所以 d(res)/d(w2) = w1 / 3。",
    "d(mean(w1 * w2 + w1))/d(w2) is w1 / 3; count how many passes add it.":
        "d(mean(w1 * w2 + w1))/d(w2) 是 w1 / 3；数一数有几次反向传播把它加了进去。",
    # second_derivative
    "the second derivative at x = 1 is a single number.":
        "x = 1 处的二阶导数是一个数。",
    "The first derivative is 3x² + 4x, and its derivative 6x + 4 is 10 at x = 1.":
        "一阶导数是 3x² + 4x，它的导数 6x + 4 在 x = 1 处等于 10。",
    "7 is the first derivative, 3x² + 4x; differentiate it once more (autograd.grad on the "
    "gradient, which create_graph=True recorded).":
        "7 是一阶导数 3x² + 4x 的值；还要再求一次导"
        "（对 create_graph=True 记录下来的梯度调用 autograd.grad）。",
    "that is y itself at x = 1; we want its derivative's derivative.":
        "这是 y 本身在 x = 1 处的值；我们要的是它的导数的导数。",
    "6x is only the x³ part: the 2x² term adds 4.":
        "6x 只是 x³ 那一部分：2x² 这一项还要再加 4。",
    "4 is only the 2x² part: the x³ term adds 6x = 6.":
        "4 只是 2x² 那一部分：x³ 这一项还要再加 6x = 6。",
    "differentiate twice: x³ + 2x² → 3x² + 4x → 6x + 4, then put x = 1.":
        "求两次导：x³ + 2x² → 3x² + 4x → 6x + 4，再代入 x = 1。",
    # predict questions
    "What does a second res.backward() do?": "第二次调用 res.backward() 会怎样？",
    "w1.grad doubles, as in lesson 04": "w1.grad 翻倍，就像第 04 课那样",
    "w1.grad stays the same": "w1.grad 保持不变",
    "it raises an error": "报错",
    "d = torch.mean(w1); d.backward(); d.backward(). What happens?":
        "d = torch.mean(w1); d.backward(); d.backward()。会怎样？",
    "the same error as above": "和上面一样的错误",
    "it runs, and w1.grad is 1/3 each": "能运行，w1.grad 每个元素都是 1/3",
    "it runs, and w1.grad is 2/3 each": "能运行，w1.grad 每个元素都是 2/3",
    "What is torch.autograd.grad(dy_dx, x) at x = 3?":
        "在 x = 3 处，torch.autograd.grad(dy_dx, x) 是多少？",
    "27, the first derivative again": "27，又是一阶导数",
    "18": "18",
    "6": "6",
    "an error": "报错",
}
