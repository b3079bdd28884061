"""Lesson 08: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # requires_grad_in_four_cases
    "give four booleans, one per case, in the order (train, grad), (eval, grad), "
    "(train, no_grad), (eval, no_grad).":
        "请给出四个布尔值，每种情况一个，顺序为 (train, grad)、(eval, grad)、"
        "(train, no_grad)、(eval, no_grad)。",
    "only no_grad stops the graph; eval() changes what Dropout and BatchNorm do, and the "
    "output still requires grad.":
        "只有 no_grad 会让计算图不再构建；eval() 改变的是 Dropout 和 BatchNorm 的行为，"
        "输出的 requires_grad 仍是 True。",
    "eval() does not switch autograd off: in eval mode with grad enabled the output still "
    "has a grad_fn and requires grad.":
        "eval() 不会关掉自动求导：评估模式下只要梯度开着，输出就仍有 grad_fn，"
        "requires_grad 仍是 True。",
    "that swaps the two switches: eval() changes layers, not autograd, and no_grad is what "
    "stops the graph.":
        "你把两个开关弄反了：eval() 改变的是层，不是自动求导；让计算图不再构建的是 no_grad。",
    "inside torch.no_grad() no result requires grad, whatever the mode of the model.":
        "在 torch.no_grad() 里，不管模型处于哪种模式，所有结果的 requires_grad 都是 False。",
    "with grad enabled the output requires grad in both modes, because the model's "
    "parameters require grad.":
        "梯度开着时，两种模式下输出的 requires_grad 都是 True，因为模型的参数需要梯度。",
    # running_mean_after_no_grad
    "give bn.running_mean: two numbers, as a list or a tensor.":
        "请给出 bn.running_mean：两个数，写成列表或张量。",
    "no_grad does not stop BatchNorm in train mode: running_mean moved 10% of the way from "
    "[0, 0] to the batch mean [3, 1].":
        "no_grad 拦不住训练模式下的 BatchNorm：running_mean 从 [0, 0] 朝批次均值 [3, 1] "
        "走了 10% 的距离。",
    "no_grad only stops the graph; in train mode BatchNorm still updates its running "
    "statistics (only eval() stops that).":
        "no_grad 只让计算图不再构建；训练模式下 BatchNorm 仍会更新它的滑动统计量，"
        "只有 eval() 能让它停下。",
    "[3, 1] is the batch mean; running_mean only moves momentum = 0.1 of the way: "
    "0.9 · old + 0.1 · batch mean.":
        "[3, 1] 是批次均值；running_mean 只走 momentum = 0.1 这么一段："
        "0.9 · 旧值 + 0.1 · 批次均值。",
    "the weights are the other way round: 0.9 · old + 0.1 · batch mean, and the old "
    "running_mean is [0, 0].":
        "两个系数弄反了：应是 0.9 · 旧值 + 0.1 · 批次均值，而旧的 running_mean 是 [0, 0]。",
    "start from running_mean = [0, 0] and the batch mean of each column, then take "
    "0.9 · old + 0.1 · batch mean.":
        "从 running_mean = [0, 0] 和每一列的批次均值出发，再算 0.9 · 旧值 + 0.1 · 批次均值。",
    # features_for_training
    "give a tensor: the features, made usable for training the head.":
        "请给出一个张量：能用来训练头部网络的那些特征。",
    "this is still an inference tensor (feats itself, feats.detach() and views of feats all "
    "are): make a normal copy with feats.clone().":
        "这仍然是推理张量（feats 本身、feats.detach() 和 feats 的视图都是）："
        "用 feats.clone() 做一份普通的副本。",
    "the values changed: the head should train on the same features, [[2, 4], [6, 8]]; "
    "clone() copies them as they are.":
        "数值变了：头部网络应该在同样的特征 [[2, 4], [6, 8]] 上训练；clone() 会原样复制它们。",
    "a clone made outside inference_mode is a normal tensor, so autograd may save it for "
    "backward.":
        "在 inference_mode 之外 clone 出来的是普通张量，所以自动求导可以为反向传播保存它。",
    # predict: what no_grad makes
    "Inside `with torch.no_grad():` we compute y = x * 2. What is y?":
        "在 `with torch.no_grad():` 里计算 y = x * 2。y 是什么？",
    "tensor([2., 4., 6.], grad_fn=<MulBackward0>)": "tensor([2., 4., 6.], grad_fn=<MulBackward0>)",
    "tensor([2., 4., 6.], requires_grad=True)": "tensor([2., 4., 6.], requires_grad=True)",
    "tensor([2., 4., 6.]) with no grad_fn, requires_grad=False":
        "tensor([2., 4., 6.])，没有 grad_fn，requires_grad=False",
    "an error: x requires grad": "报错：x 的 requires_grad 是 True",
    # predict: eval() and the graph
    "After lin.eval(), does lin(inputs) still have a grad_fn?":
        "调用 lin.eval() 之后，lin(inputs) 还有 grad_fn 吗？",
    "no: eval() turns autograd off": "没有：eval() 关掉了自动求导",
    "yes: eval() does not touch autograd": "有：eval() 不影响自动求导",
    "only if inputs requires grad": "只有当 inputs 的 requires_grad 是 True 时才有",
}
