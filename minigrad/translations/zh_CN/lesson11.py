"""Lesson 11: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # frozen_weight_after_weight_decay
    "give the frozen weight after the step: two numbers, as a list or a tensor.":
        "请给出更新一步之后的冻结权重：两个数，用列表或张量表示。",
    "the grad is a zero tensor, not None, so SGD steps the frozen weight and weight decay "
    "shrinks it by lr · 0.5 = 5%.":
        "grad 是全零张量而不是 None，所以 SGD 照样更新这个冻结的权重，权重衰减把它缩小了 "
        "lr · 0.5 = 5%。",
    "requires_grad=False does not stop the optimizer: SGD skips a parameter only when its .grad "
    "is None, and here it is a zero tensor.":
        "requires_grad=False 拦不住优化器：SGD 只在参数的 .grad 为 None 时才跳过它，"
        "而这里的 .grad 是全零张量。",
    "weight decay adds 0.5 · w to the gradient, and the step is scaled by lr = 0.1: "
    "w - 0.1 · 0.5 · w, not w - 0.5 · w.":
        "权重衰减往梯度上加 0.5 · w，而这一步还要乘以 lr = 0.1：是 w - 0.1 · 0.5 · w，"
        "不是 w - 0.5 · w。",
    "the sign is the wrong way round: the step subtracts lr · (grad + 0.5 · w), so weight decay "
    "pulls the weight towards 0.":
        "符号反了：这一步减去的是 lr · (grad + 0.5 · w)，所以权重衰减是把权重往 0 拉。",
    "the gradient is zeros, weight decay adds 0.5 · w to it, and SGD subtracts lr = 0.1 times "
    "that: w - 0.1 · (0 + 0.5 · w).":
        "梯度全为零，权重衰减往上加 0.5 · w，SGD 再减去它的 lr = 0.1 倍：w - 0.1 · (0 + 0.5 · w)。",
    # which_layers_get_grads
    "give three booleans, one per Linear layer (0, 2, 4): does its weight have a .grad after "
    "backward?":
        "请给出三个布尔值，每个 Linear 层（0、2、4）一个：反向传播之后，它的权重有没有 .grad？",
    "the frozen layer gets no .grad, yet backward goes through it to layer 0: it still computes "
    "the gradient with respect to its input.":
        "冻结的层得不到 .grad，但反向传播仍然穿过它到达第 0 层：它照样要计算对自身输入的梯度。",
    "freezing a layer does not cut the graph: the gradient still flows through it to layer 0, "
    "which requires grad.":
        "冻结一个层并不会切断计算图：梯度仍然穿过它，流到要求梯度的第 0 层。",
    "the frozen layer's weight has requires_grad=False, so backward stores no .grad for it: it "
    "stays None.":
        "冻结层的权重 requires_grad=False，所以反向传播不会为它存下 .grad：它一直是 None。",
    "layers 0 and 4 still require grad, so backward fills their .grad.":
        "第 0 层和第 4 层仍然要求梯度，所以反向传播会填上它们的 .grad。",
    # fine_tuning_optimizer
    "give the optimizer itself, e.g. optim.SGD([...], lr=0.2).":
        "请给出优化器本身，例如 optim.SGD([...], lr=0.2)。",
    "predict's parameters are missing: the head must keep training, at lr=0.2.":
        "少了 predict 的参数：输出头必须以 lr=0.2 继续训练。",
    "hidden is not in the optimizer: once unfrozen it gets gradients, but step() never applies "
    "them; add it as its own group.":
        "hidden 不在优化器里：解冻之后它会得到梯度，但 step() 永远不会应用这些梯度；"
        "把它作为单独的一个参数组加进去。",
    "hidden is still frozen: set net.hidden.requires_grad_(True), or backward leaves its .grad "
    "None and step() skips it.":
        "hidden 仍然是冻结的：调用 net.hidden.requires_grad_(True)，否则反向传播让它的 .grad "
        "保持 None，step() 会跳过它。",
    "both layers share one learning rate: give hidden its own group, "
    "{'params': net.hidden.parameters(), 'lr': 0.02}.":
        "两个层共用同一个学习率：给 hidden 单独一个参数组，"
        "{'params': net.hidden.parameters(), 'lr': 0.02}。",
    "the learning rates are swapped: the layer that was already trained (hidden) gets the "
    "smaller one, 0.02.":
        "学习率弄反了：已经训练过的那一层（hidden）用较小的那个，0.02。",
    "two groups: hidden moves gently at lr=0.02 while predict keeps learning at 0.2.":
        "两个参数组：hidden 以 lr=0.02 小步移动，predict 则以 0.2 继续学习。",
    "hidden's group should have lr=0.02 and predict's lr=0.2; here they are {hidden_lr} and "
    "{predict_lr}.":
        "hidden 的参数组应该是 lr=0.02，predict 的应该是 lr=0.2；这里分别是 {hidden_lr} 和 "
        "{predict_lr}。",
    # predict: the repr of a frozen Parameter
    "After the loop sets requires_grad=False, what does print(net.hidden.bias) show?":
        "循环把 requires_grad 设为 False 之后，print(net.hidden.bias) 会显示什么？",
    "the same text as before, ending in requires_grad=True":
        "和之前一样的文字，结尾是 requires_grad=True",
    "Parameter containing: and the values, without requires_grad=True":
        "Parameter containing: 加上数值，没有 requires_grad=True",
    "a plain tensor: it is no longer a Parameter":
        "一个普通张量：它已经不是 Parameter 了",
    "an error: a Parameter must require grad":
        "报错：Parameter 必须要求梯度",
    # predict: Adam after freezing
    "Adam, lr=0.1, two trainable steps, then layer 0 frozen with zero_grad(set_to_none=False). "
    "Does layer 0 move in the next 3 steps?":
        "Adam，lr=0.1，先训练两步，然后冻结第 0 层，并使用 zero_grad(set_to_none=False)。"
        "接下来的 3 步里，第 0 层会动吗？",
    "no: its gradient is zero, so the step is zero":
        "不会：它的梯度是零，所以这一步也是零",
    "yes: Adam's running averages still hold the old gradients":
        "会：Adam 的滑动平均里还留着以前的梯度",
    "an error: Adam refuses a parameter that does not require grad":
        "报错：Adam 拒绝不要求梯度的参数",
}
