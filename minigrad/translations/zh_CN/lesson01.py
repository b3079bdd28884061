"""Lesson 01: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # predict questions
    "a requires grad, b does not. Does c = a * b require grad?":
        "a 需要梯度，b 不需要。c = a * b 需要梯度吗？",
    "yes: one input that requires grad is enough": "需要：只要有一个输入需要梯度就够了",
    "no: both inputs must require grad": "不需要：两个输入都必须需要梯度",
    "only after c.backward()": "要等到 c.backward() 之后才需要",
    "a does not require grad. Does net(a) require grad?": "a 不需要梯度。net(a) 需要梯度吗？",
    "no: its input does not": "不需要：它的输入不需要",
    "yes: net's weight and bias require grad": "需要：net 的权重和偏置需要梯度",
    "it depends on the random weights": "取决于随机生成的权重",
    "w = torch.randn(3, requires_grad=True) * 0.01. Is w a leaf?":
        "w = torch.randn(3, requires_grad=True) * 0.01。w 是叶子张量吗？",
    "yes: it was made with requires_grad=True": "是：它是用 requires_grad=True 创建的",
    "no: the * 0.01 came after requires_grad=True, so it was recorded":
        "不是：* 0.01 发生在 requires_grad=True 之后，所以被记录了下来",
    # which_require_grad
    "give three answers in order, one per tensor: [p, q, r], e.g. [True, False, True].":
        "按顺序给出三个答案，每个张量一个：[p, q, r]，例如 [True, False, True]。",
    "each answer is True or False (what `.requires_grad` would print).":
        "每个答案都是 True 或 False（也就是 `.requires_grad` 会打印出的值）。",
    "p = x * 2 is built from x and a Python number; neither requires grad, so nothing is "
    "recorded and p.requires_grad is False.":
        "p = x * 2 由 x 和一个 Python 数算出；两者都不需要梯度，所以什么都没有被记录，"
        "p.requires_grad 是 False。",
    "q = x * w: one input that requires grad is enough, and w does, so q requires grad.":
        "q = x * w：只要有一个输入需要梯度就够了，而 w 需要，所以 q 需要梯度。",
    "r = net(x): x needs no grad, but net's weight and bias are Parameters that do, so the "
    "output requires grad.":
        "r = net(x)：x 不需要梯度，但 net 的权重和偏置是需要梯度的 Parameter，所以输出需要梯度。",
    "p only uses x; q and r each use a tensor that requires grad (w, and net's parameters), so "
    "they require grad too.":
        "p 只用到了 x；q 和 r 各自用到了需要梯度的张量（w，以及 net 的参数），所以它们也需要梯度。",
    # leaves
    "B = torch.randn(2, requires_grad=True) * 0.01: the `* 0.01` comes after requires_grad=True, "
    "so it is recorded (grad_fn=MulBackward0) and B is not a leaf.":
        "B = torch.randn(2, requires_grad=True) * 0.01：`* 0.01` 发生在 requires_grad=True "
        "之后，所以被记录了下来（grad_fn=MulBackward0），B 不是叶子张量。",
    "C = ....to(torch.float64): the dtype conversion comes after requires_grad=True, so it is "
    "recorded (grad_fn=ToCopyBackward0) and C is not a leaf.":
        "C = ....to(torch.float64)：数据类型转换发生在 requires_grad=True 之后，所以被记录了"
        "下来（grad_fn=ToCopyBackward0），C 不是叶子张量。",
    "A = torch.tensor([1., 2.], requires_grad=True) is made directly: no operation made it, so "
    "it is a leaf.":
        "A = torch.tensor([1., 2.], requires_grad=True) 是直接创建的：它不是由任何操作得到的，"
        "所以是叶子张量。",
    "D = (torch.randn(2) * 0.01).requires_grad_(): the multiplication ran before anything "
    "required grad, so nothing was recorded, and requires_grad_() makes D a leaf.":
        "D = (torch.randn(2) * 0.01).requires_grad_()：乘法运行时还没有任何东西需要梯度，"
        "所以什么都没有被记录，而 requires_grad_() 让 D 成为叶子张量。",
    'give the letters of the leaves, e.g. "AB" or ["A", "B"].':
        '给出叶子张量的字母，例如 "AB" 或 ["A", "B"]。',
    "there is no tensor {letters}: choose among A, B, C and D.":
        "没有叫 {letters} 的张量：请在 A、B、C、D 中选择。",
    "you left out {letter}. {why}": "你漏掉了 {letter}。{why}",
    "A and D are leaves (no recorded operation made them); B and C came out of an operation "
    "done after requires_grad=True, so they have a grad_fn.":
        "A 和 D 是叶子张量（它们不是由被记录的操作得到的）；B 和 C 来自 requires_grad=True "
        "之后做的操作，所以它们有 grad_fn。",
    # grads_of_a_and_b
    "give two values in order: (a.grad, b.grad); write None for a .grad that stays None.":
        "按顺序给出两个值：(a.grad, b.grad)；仍是 None 的 .grad 就写 None。",
    "a.grad is None, not 0: a does not require grad, so autograd never computes or stores a "
    "gradient for it.":
        "a.grad 是 None，不是 0：a 不需要梯度，所以自动求导既不会为它计算梯度，也不会存储梯度。",
    "a does not require grad, so a.grad stays None: autograd only stores gradients in leaves "
    "that require grad.":
        "a 不需要梯度，所以 a.grad 仍是 None：自动求导只把梯度存进需要梯度的叶子张量。",
    "b requires grad and c = a * b uses it, so backward() stores dc/db in b.grad: it is not "
    "None.":
        "b 需要梯度，而且 c = a * b 用到了它，所以 backward() 会把 dc/db 存进 b.grad：它不是 "
        "None。",
    "b.grad is a single number (a 0-dimensional tensor): dc/db.":
        "b.grad 是单个数（一个 0 维张量）：dc/db。",
    "dc/db for c = a * b is a, the other factor (2), not b itself (3).":
        "对 c = a * b 来说，dc/db 是另一个因子 a（2），而不是 b 本身（3）。",
    "6 is c, the value of the product; its gradient dc/db is a = 2.":
        "6 是 c，即乘积的值；梯度 dc/db 是 a = 2。",
    "for c = a * b, dc/db is the other factor a, which is 2.":
        "对 c = a * b 来说，dc/db 是另一个因子 a，也就是 2。",
    "b.grad is dc/db = a = 2, and a.grad stays None because a does not require grad.":
        "b.grad 是 dc/db = a = 2；a.grad 仍是 None，因为 a 不需要梯度。",
}
