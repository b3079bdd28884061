"""Lesson 02: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # predict questions
    "After e.backward(), what is a.grad?": "e.backward() 之后，a.grad 是多少？",
    "3: dc/da, the step nearest to a": "3：dc/da，离 a 最近的那一步",
    "4: de/dc, the step nearest to e": "4：de/dc，离 e 最近的那一步",
    "12: the product of the steps along the path": "12：路径上各步的乘积",
    "24: the value of e": "24：e 的值",
    "b2 does not require grad. What does c2.grad_fn.next_functions hold for b2?":
        "b2 不需要梯度。c2.grad_fn.next_functions 里对应 b2 的是什么？",
    "an AccumulateGrad node for b2, as for a2": "和 a2 一样，是 b2 的 AccumulateGrad 节点",
    "the pair (None, 0)": "(None, 0) 这一对",
    "nothing: the tuple has only a2's entry": "什么都没有：元组里只有 a2 的那一项",
    # chain_rule_grads
    "give three numbers in order: [x.grad, y.grad, z.grad].":
        "按顺序给出三个数：[x.grad, y.grad, z.grad]。",
    "each of the three gradients is a single number.": "三个梯度各自都是单个数。",
    "x.grad and y.grad: s = x + y gives ds/dx = 1, but the chain rule multiplies it by "
    "df/ds = z = 5, so both are 5.":
        "x.grad 和 y.grad：由 s = x + y 得 ds/dx = 1，但链式法则还要把它乘上 df/ds = z = 5，"
        "所以两者都是 5。",
    "x and y are added, not multiplied: ds/dx = 1 and ds/dy = 1, so x.grad = y.grad = z = 5.":
        "x 和 y 是相加，不是相乘：ds/dx = 1，ds/dy = 1，所以 x.grad = y.grad = z = 5。",
    "x.grad = df/ds * ds/dx = z * 1 = 5, and the same for y.":
        "x.grad = df/ds * ds/dx = z * 1 = 5，y 也一样。",
    "z.grad is df/dz = x + y = 3, the other factor, not f itself (15).":
        "z.grad 是 df/dz = x + y = 3，即另一个因子，而不是 f 本身（15）。",
    "z.grad is df/dz = x + y = 3, not z (5): the gradient of a product with respect to one "
    "factor is the other factor.":
        "z.grad 是 df/dz = x + y = 3，不是 z（5）：乘积对其中一个因子的梯度是另一个因子。",
    "z.grad: f = s * z, so df/dz = s = x + y = 3.":
        "z.grad：f = s * z，所以 df/dz = s = x + y = 3。",
    "df/ds = z = 5 flows back through the addition unchanged (ds/dx = ds/dy = 1), and "
    "df/dz = x + y = 3.":
        "df/ds = z = 5 原样穿过加法传回去（ds/dx = ds/dy = 1），而 df/dz = x + y = 3。",
    # follow_to_the_leaf
    "None is the entry for x, which needs no gradient (the second pair of MulBackward0's "
    "next_functions); w is behind the first pair.":
        "None 是 x 的那一项，x 不需要梯度（MulBackward0 的 next_functions 中的第二对）；"
        "w 在第一对后面。",
    "that is a (node, input_nr) pair from next_functions: take its [0] to get the node.":
        "这是 next_functions 里的一个 (node, input_nr) 对：取它的 [0] 才得到节点。",
    "that is a whole next_functions tuple: pick one entry, then [0] for its node.":
        "这是整个 next_functions 元组：先挑出其中一项，再取 [0] 得到它的节点。",
    "that is the AccumulateGrad node itself; the leaf it writes to is its .variable.":
        "这是 AccumulateGrad 节点本身；它写入的叶子张量是它的 .variable。",
    "that is out.grad_fn, where the walk starts: follow its next_functions one step down.":
        "这是 out.grad_fn，也就是遍历的起点：顺着它的 next_functions 往下走一步。",
    "that is MulBackward0: one more step, through its next_functions, to the AccumulateGrad "
    "node, then its .variable.":
        "这是 MulBackward0：再经过它的 next_functions 走一步，到达 AccumulateGrad 节点，"
        "然后取它的 .variable。",
    "that is a {kind} node; keep following next_functions to the AccumulateGrad node and take "
    "its .variable.":
        "这是一个 {kind} 节点；继续顺着 next_functions 走到 AccumulateGrad 节点，再取它的 "
        ".variable。",
    "the answer is a tensor: the .variable of the AccumulateGrad node.":
        "答案是一个张量：AccumulateGrad 节点的 .variable。",
    "that tensor was made by {node}, so it is not a leaf; the walk ends at a leaf, the "
    ".variable of an AccumulateGrad node.":
        "这个张量是由 {node} 创建的，所以不是叶子张量；遍历的终点是叶子张量，即某个 "
        "AccumulateGrad 节点的 .variable。",
    "that is x, which needs no gradient: the graph has no node for it (its entry is None).":
        "这是 x，它不需要梯度：计算图里没有它的节点（它那一项是 None）。",
    "the leaf at the end of the walk is w = [1., 2., 3.], which requires grad.":
        "遍历终点的叶子张量是 w = [1., 2., 3.]，它需要梯度。",
    "out.grad_fn (SumBackward0) → MulBackward0 → AccumulateGrad, whose .variable is w itself.":
        "out.grad_fn（SumBackward0）→ MulBackward0 → AccumulateGrad，它的 .variable 就是 w "
        "本身。",
    # intermediate_grad
    "h is not a leaf, so backward() does not store h.grad: call h.retain_grad() before "
    "y.backward().":
        "h 不是叶子张量，所以 backward() 不会存下 h.grad：要在 y.backward() 之前调用 "
        "h.retain_grad()。",
    "h.grad is a single number (h has one element).": "h.grad 是单个数（h 只有一个元素）。",
    "9 is y, the value; h.grad is the gradient dy/dh = 2h = 6.":
        "9 是 y 的值；h.grad 是梯度 dy/dh = 2h = 6。",
    "18 is x.grad: it goes one step further, times dh/dx = 3; h.grad stops at dy/dh = 6.":
        "18 是 x.grad：它又往下走了一步，乘上了 dh/dx = 3；h.grad 停在 dy/dh = 6。",
    "3 is h, the value; its gradient is dy/dh = 2h = 6.":
        "3 是 h 的值；它的梯度是 dy/dh = 2h = 6。",
    "d(h*h)/dh is 2h, not 2: with h = 3 that is 6.": "d(h*h)/dh 是 2h，不是 2：h = 3 时就是 6。",
    "1 is dy/dy, the gradient backward() starts with; h.grad is dy/dh = 6.":
        "1 是 dy/dy，即 backward() 起步时的梯度；h.grad 是 dy/dh = 6。",
    "y = h * h, so dy/dh = 2h, and h = 3.": "y = h * h，所以 dy/dh = 2h，而 h = 3。",
    "dy/dh = 2h = 6; retain_grad() kept it in h.grad.":
        "dy/dh = 2h = 6；retain_grad() 把它留在了 h.grad 里。",
}
