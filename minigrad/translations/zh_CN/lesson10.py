"""Lesson 10: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # per_group_lr
    "give an optimizer, e.g. optim.SGD([...]), not a number or a list.":
        "请给出一个优化器，例如 optim.SGD([...])，而不是数字或列表。",
    "the weight is in no group, so step() would never change it: give the optimizer both "
    "parameters.":
        "权重不在任何参数组里，所以 step() 永远不会改变它：请把两个参数都交给优化器。",
    "the bias is in no group, so step() would never change it: give the optimizer both "
    "parameters.":
        "偏置不在任何参数组里，所以 step() 永远不会改变它：请把两个参数都交给优化器。",
    "each group has its own lr; a group that leaves lr out would take the one passed as a "
    "keyword.":
        "每个参数组都有自己的 lr；没写 lr 的参数组会采用以关键字参数传入的那个。",
    "the two learning rates are swapped: the weight should get 0.1 and the bias 0.01.":
        "两个学习率弄反了：权重应该是 0.1，偏置应该是 0.01。",
    "one group gives every parameter the same lr ({weight}); pass a list of two dicts, "
    "{{'params': [net.weight], 'lr': 0.1}} and one for the bias.":
        "只有一个参数组，所有参数的 lr 都一样（{weight}）；请传入由两个字典组成的列表："
        "{{'params': [net.weight], 'lr': 0.1}}，再加一个给偏置的。",
    "the weight has lr {weight} and the bias {bias}; they should be 0.1 and 0.01.":
        "权重的 lr 是 {weight}，偏置的是 {bias}；它们应该分别是 0.1 和 0.01。",
    # two_momentum_steps
    "give w: two numbers, as a list or a tensor.":
        "请给出 w：两个数，用列表或张量表示。",
    "the first step moves by 0.1·[1, 2]; the second by 0.1 times the buffer 0.9·[1, 2] + "
    "[1, 2] = [1.9, 3.8].":
        "第一步移动 0.1·[1, 2]；第二步移动 0.1 乘以缓冲区 0.9·[1, 2] + [1, 2] = [1.9, 3.8]。",
    "that is two steps without momentum: on the second step the buffer is 0.9·[1, 2] + "
    "[1, 2], not just the gradient.":
        "这是不带动量的两步：第二步时缓冲区是 0.9·[1, 2] + [1, 2]，而不只是梯度。",
    "that is w after one step; the loop ran two.":
        "这是一步之后的 w；循环跑了两步。",
    "the buffer's first value is the gradient itself, not (1 - 0.9) times it: the first step "
    "moves by 0.1·[1, 2].":
        "缓冲区的第一个值就是梯度本身，而不是梯度的 (1 - 0.9) 倍：第一步移动 0.1·[1, 2]。",
    "the steps go against the gradient: w -= lr · buf, so w gets smaller.":
        "每一步都逆着梯度走：w -= lr · buf，所以 w 会变小。",
    "[1.9, 3.8] is the momentum buffer after two steps; w moves by lr times it.":
        "[1.9, 3.8] 是两步之后的动量缓冲区；w 移动的是 lr 乘以它。",
    "step 1: buf = [1, 2], w -= 0.1·buf; step 2: buf = 0.9·buf + [1, 2], w -= 0.1·buf.":
        "第 1 步：buf = [1, 2]，w -= 0.1·buf；第 2 步：buf = 0.9·buf + [1, 2]，w -= 0.1·buf。",
    # which_moved
    "give a list of names from 'a', 'b', 'c', 'd', e.g. ['a', 'd'].":
        "请给出由 'a'、'b'、'c'、'd' 中的名字组成的列表，例如 ['a', 'd']。",
    "a and c have a .grad, so step() updates them; weight decay moves c although its gradient "
    "is zero and it does not require grad.":
        "a 和 c 都有 .grad，所以 step() 会更新它们；虽然 c 的梯度为零、也不需要梯度，"
        "权重衰减仍然让它移动了。",
    "b requires grad but its .grad is None, and step() skips every tensor whose .grad is None.":
        "b 需要梯度，但它的 .grad 是 None，而 step() 会跳过每个 .grad 为 None 的张量。",
    "d has no .grad: step() skips it (and it does not require grad either).":
        "d 没有 .grad：step() 会跳过它（而且它也不需要梯度）。",
    "c moved too: step() does not look at requires_grad, and c's zero gradient plus weight "
    "decay 0.5·c is not zero.":
        "c 也动了：step() 不看 requires_grad，而 c 的零梯度加上权重衰减项 0.5·c 并不为零。",
    "a has a gradient of [3, 3], so it moves; look at which tensors have a .grad, not at "
    "requires_grad.":
        "a 的梯度是 [3, 3]，所以它会动；要看哪些张量有 .grad，而不是看 requires_grad。",
    # predict: rebinding w
    "The loop goes on: torch.mean(w).backward(), then w = w - lr * w.grad again. What happens?":
        "循环继续：先 torch.mean(w).backward()，再执行一次 w = w - lr * w.grad。会发生什么？",
    "w moves by another 0.1 each": "w 的每个元素再移动 0.1",
    "w.grad is None (with a warning), so lr * w.grad raises a TypeError":
        "w.grad 是 None（并给出警告），所以 lr * w.grad 抛出 TypeError",
    "backward() raises: the graph was freed": "backward() 报错：计算图已被释放",
    # predict: the keys of a parameter group
    "How many keys does optimizer.param_groups[0] have in PyTorch 2.13?":
        "在 PyTorch 2.13 中，optimizer.param_groups[0] 有几个键？",
    "6, as in the post": "6，和文章里说的一样",
    "7": "7",
    "10": "10",
    "1: only 'params'": "1：只有 'params'",
}
