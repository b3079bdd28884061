"""Lesson 12: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # the model's bugs (model_bugs, which_bugs_remain)
    "give the class itself (Classifier), not an instance or a function.":
        "请给出类本身（Classifier），而不是它的实例或一个函数。",
    "model.parameters() sees only {names}: layers kept in a Python list are not registered, so "
    "no optimizer trains them; use nn.ModuleList.":
        "model.parameters() 只看得到 {names}：放在 Python 列表里的层没有注册，"
        "所以没有哪个优化器会训练它们；请用 nn.ModuleList。",
    "{missing} get no gradient: a detach() in forward cuts them off from the loss; detach only "
    "what is carried to the next step.":
        "{missing} 得不到梯度：forward 里的一个 detach() 把它们和损失切断了；"
        "只对要带到下一步的东西做 detach。",
    "the second step raises 'Trying to backward through the graph a second time': self.summary "
    "carries the first step's graph into the next; detach it when you store it.":
        "第二步报错 'Trying to backward through the graph a second time'：self.summary "
        "把第一步的计算图带进了下一步；存储它的时候就对它做 detach。",
    "one training step raises: {error}":
        "训练一步就报错：{error}",
    "the model trains, but not as the lesson's does: keep its computation as it was (tanh, the "
    "summary, the head) and change only the bugs.":
        "模型能训练，但和课上的不一样：计算保持原样（tanh、汇总、输出头），只改掉 bug。",
    "every layer is registered, gets a gradient, and each step's graph ends with the step.":
        "每个层都已注册、都能得到梯度，而且每一步的计算图随这一步结束。",
    # the loop's bugs (training_loop_bugs, which_bugs_remain)
    "give the training function itself (train), called as train(model, inputs, labels, steps).":
        "请给出训练函数本身（train），调用方式是 train(model, inputs, labels, steps)。",
    "every parameter is frozen, so the loss has no graph to go back through.":
        "所有参数都被冻结了，所以损失没有可以反向传播的计算图。",
    "backward raises 'element 0 of tensors does not require grad': the forward pass runs under "
    "torch.no_grad(), so the loss has no graph; keep no_grad for evaluation only.":
        "反向传播报错 'element 0 of tensors does not require grad'：前向传播在 torch.no_grad() "
        "下运行，所以损失没有计算图；no_grad 只留给评估用。",
    "train raises: {error}":
        "train 报错：{error}",
    "{frozen} ended with requires_grad=False: a layer frozen by mistake never trains; remove the "
    "line that freezes it.":
        "{frozen} 最后是 requires_grad=False：被误冻结的层永远不会训练；删掉冻结它的那一行。",
    "the gradients are never cleared: without optimizer.zero_grad() each step adds its gradient "
    "to all the earlier ones, and the steps grow.":
        "梯度从来没有清空过：没有 optimizer.zero_grad()，"
        "每一步都会把自己的梯度加到之前所有的梯度上，更新的步子越来越大。",
    "the weights differ from a correct run of {steps} steps of SGD(lr={lr}) on cross_entropy: "
    "keep the loop's steps, loss and optimizer as they were.":
        "权重与用 SGD(lr={lr}) 在 cross_entropy 上正确跑 {steps} 步得到的不同："
        "循环的步数、损失和优化器都要保持原样。",
    "on the bug-free model the loop gives exactly the weights of a correct {steps}-step run.":
        "在没有 bug 的模型上，这个循环得到的权重与正确跑 {steps} 步得到的完全一致。",
    # which_bugs_remain
    "give the pair (Classifier, train): the class and the function.":
        "请给出这一对 (Classifier, train)：类和函数。",
    "no bug left: every layer trains, each step starts from fresh gradients, and the model "
    "classifies {right} of {total} points.":
        "一个 bug 也不剩了：每个层都在训练，每一步都从清零的梯度开始，"
        "模型把 {total} 个点中的 {right} 个分类正确。",
    # predict: what the optimizer sees
    "How many tensors does Classifier().parameters() give?":
        "Classifier().parameters() 会给出多少个张量？",
    "6: a weight and a bias for each of the three Linear layers":
        "6 个：三个 Linear 层各有一个权重和一个偏置",
    "2: only the head's weight and bias":
        "2 个：只有输出头的权重和偏置",
    "0: nothing is registered until the first forward pass":
        "0 个：第一次前向传播之前什么都没有注册",
    # predict: the missing zero_grad()
    "Without zero_grad(), a weight's gradient on this batch is g at step 1 and g' at step 2. "
    "What does .grad hold after the second backward?":
        "没有 zero_grad() 时，某个权重在这个批次上的梯度第 1 步是 g，第 2 步是 g'。"
        "第二次反向传播之后，.grad 里是什么？",
    "g': each backward replaces .grad":
        "g'：每次反向传播都会替换 .grad",
    "g + g': each backward adds to .grad":
        "g + g'：每次反向传播都会累加到 .grad 上",
    "2 · g: backward doubles it":
        "2 · g：反向传播把它翻倍",
}
