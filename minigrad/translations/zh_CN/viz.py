"""Widget labels and the stepper's sentences, in Simplified Chinese.

Node names (``MulBackward0``), attribute names (``.grad``, ``next_functions``) and calls
(``backward()``) stay as they are: they are what the learner types and reads in PyTorch.
"""

MESSAGES = {
    # the stepper's buttons and titles
    "play": "播放",
    "back": "后退",
    "step": "单步",
    "reset": "重置",
    "undo the last step": "撤销上一步",
    "run the next node": "运行下一个节点",
    "back to before backward()": "回到 backward() 之前",
    "done: all {n} steps ran": "完成：{n} 步全部运行完毕",
    "step {k} of {n}": "第 {k} 步，共 {n} 步",
    "no picture: {why}": "无法画图：{why}",
    "{call} in {n} steps": "{call}，共 {n} 步",
    "final: {grads}": "最终：{grads}",
    "what happens": "发生了什么",
    "Run this cell to step through it: play, step and back buttons, and the graph at each "
    "step. Until then, every step in words:":
        "运行这个单元格，就能逐步查看：有播放、单步和后退按钮，每一步都配有计算图。"
        "在此之前，先用文字列出每一步：",
    # the key to the stepper's pictures
    "RUNNING": "RUNNING（正在运行）",
    "the node running at this step: it received its gradient and sent the results":
        "这一步正在运行的节点：它收到了自己的梯度，并把结果发了出去",
    "done": "已运行",
    "ran already: numbers on the arrows leaving it (an AccumulateGrad: its leaf's grad is "
    "updated); without retain_graph its box also says \"saved tensors freed\", dashed":
        "已经运行过：从它出发的箭头上标有数字（AccumulateGrad 则表示它的叶子张量的 grad "
        "已更新）；没有 retain_graph 时，它的框还会写着 \"saved tensors freed\""
        "（保存的张量已释放），并画成虚线",
    "waiting": "等待中",
    "not run yet: no numbers on the arrows leaving it; it runs once every gradient it waits "
    "for has arrived":
        "还没运行：从它出发的箭头上没有数字；它等的梯度全部到齐后才会运行",
    "AccumulateGrad": "AccumulateGrad",
    "adds the gradient it receives into its leaf's .grad":
        "把收到的梯度加到它的叶子张量的 .grad 上",
    "solid arrow, blue number": "实线箭头，蓝色数字",
    "where a gradient goes (next_functions), and the gradient sent along it so far":
        "梯度流向哪里（next_functions），以及到目前为止沿它发送的梯度",
    "dashed arrow, open head": "虚线箭头，空心箭头",
    "a tensor and the node that made it (grad_fn)": "一个张量和生成它的节点（grad_fn）",
    "PyTorch's nodes keep no reference to the tensors they made, so only the tensors named "
    "in the call are drawn; a saved tensor PyTorch has freed cannot be read any more, so its "
    "box says \"freed\".":
        "PyTorch 的节点不保留对其输出张量的引用，所以只画出调用时具名传入的张量；"
        "PyTorch 已经释放的保存张量再也读不到了，所以它的框里写着 \"freed\"（已释放）。",
    # the stepper's sentences
    "a leaf": "一个叶子张量",
    "the output": "输出",
    "the leaf": "该叶子张量",
    "leaf {n}": "叶子张量 {n}",
    "AccumulateGrad of {leaf}": "{leaf} 的 AccumulateGrad",
    "{node} (the node that made {made})": "{node}（生成 {made} 的节点）",
    "backward() starts at {name} with d{name}/d{name} = 1.0, handed to {node}.":
        "backward() 从 {name} 开始，初始梯度 d{name}/d{name} = 1.0，交给 {node}。",
    "backward() starts at {name}: it hands the starting gradient {handed}.":
        "backward() 从 {name} 开始，把初始梯度交出去：{handed}。",
    " It runs first.": "它最先运行。",
    " Next: {node}.": "下一个：{node}。",
    " That was the last node.": "这是最后一个节点。",
    "backward() is done: all {n} nodes ran, none is running now.":
        "backward() 完成了：{n} 个节点全部运行过，现在没有节点在运行。",
    " Their saved tensors were freed, so a second backward() through this graph raises an "
    "error (unless retain_graph=True).":
        "它们保存的张量已被释放，所以再次对这个计算图调用 backward() 会报错"
        "（除非用 retain_graph=True）。",
    " retain_graph=True kept their saved tensors: backward() can run again.":
        "retain_graph=True 保留了它们保存的张量：backward() 可以再运行一次。",
    "{node} received no gradient, so it sends none.": "{node} 没有收到梯度，所以也不发送梯度。",
    "{node} received {grads}. {what_it_did}": "{node} 收到了 {grads}。{what_it_did}",
    " Its saved {names} is freed now.": "它保存的 {names} 现在被释放了。",
    " Its saved {names} are freed now.": "它保存的 {names} 现在被释放了。",
    " Its saved tensors are kept (retain_graph=True).":
        "它保存的张量被保留下来（retain_graph=True）。",
    "{node} received {got}; {leaf}.grad was None, so it stores it: {leaf}.grad = {after}.":
        "{node} 收到了 {got}；{leaf}.grad 原来是 None，所以直接存下：{leaf}.grad = {after}。",
    "{node} received {got} and adds it to {leaf}.grad: {before} + {got} = {after}. Gradients "
    "add up over backward() calls until zero_grad() resets them.":
        "{node} 收到了 {got}，把它加到 {leaf}.grad 上：{before} + {got} = {after}。"
        "多次调用 backward() 时梯度会一直累加，直到 zero_grad() 把它们清掉。",
    "No input needs a gradient, so it sends nothing.": "没有哪个输入需要梯度，所以它什么也不发送。",
    "It {clauses}.": "它{clauses}。",
    "; it ": "；它",
    "Using its saved {saved}, it sends {sends}.": "它用保存的 {saved}，发送 {sends}。",
    "It sends {sends}.": "它发送 {sends}。",
    "{g} to {dest}": "{g} 给 {dest}",
    "{some} and {last}": "{some} 和 {last}",
    ", ": "、",
    "a tensor of shape [{shape}]": "形状为 [{shape}] 的张量",
    # what common nodes do with the gradient they receive (stepper.HOW)
    "multiplies by the saved other = {other} and sends {g} to {dest}":
        "乘以保存的 other = {other}，把 {g} 发给 {dest}",
    "multiplies by the saved self = {self} and sends {g} to {dest}":
        "乘以保存的 self = {self}，把 {g} 发给 {dest}",
    "divides by the saved other = {other} and sends {g} to {dest}":
        "除以保存的 other = {other}，把 {g} 发给 {dest}",
    "multiplies by -self / other² (saved self = {self}, other = {other}) and sends {g} to "
    "{dest}":
        "乘以 -self / other²（保存的 self = {self}，other = {other}），把 {g} 发给 {dest}",
    "sends {g} unchanged to {dest}": "把 {g} 原样发给 {dest}",
    "flips the sign and sends {g} to {dest}": "取相反数，把 {g} 发给 {dest}",
    "multiplies by exponent · self^(exponent - 1) with the saved self = {self} and exponent = "
    "{exponent}, and sends {g} to {dest}":
        "乘以 exponent · self^(exponent - 1)（保存的 self = {self}，exponent = {exponent}），"
        "把 {g} 发给 {dest}",
    "multiplies by the saved result = {result} (exp is its own derivative) and sends {g} to "
    "{dest}":
        "乘以保存的 result = {result}（exp 的导数就是它自己），把 {g} 发给 {dest}",
    "divides by the saved self = {self} and sends {g} to {dest}":
        "除以保存的 self = {self}，把 {g} 发给 {dest}",
    "multiplies by 1 - result² with the saved result = {result} and sends {g} to {dest}":
        "乘以 1 - result²（保存的 result = {result}），把 {g} 发给 {dest}",
    "multiplies by result · (1 - result) with the saved result = {result} and sends {g} to "
    "{dest}":
        "乘以 result · (1 - result)（保存的 result = {result}），把 {g} 发给 {dest}",
    "keeps it where the saved result = {result} is positive and sends {g} to {dest}":
        "只保留保存的 result = {result} 为正的位置，把 {g} 发给 {dest}",
    "copies it to every element and sends {g} to {dest}":
        "把梯度复制到每个元素，把 {g} 发给 {dest}",
    "divides by the number of elements, {self_sym_numel}, copies it to every element and sends "
    "{g} to {dest}":
        "除以元素个数 {self_sym_numel}，再复制到每个元素，把 {g} 发给 {dest}",
    # the panels
    "Run this cell to get the backward() and zero_grad() buttons.":
        "运行这个单元格，就会出现 backward() 和 zero_grad() 按钮。",
    "reset every .grad": "重置每个 .grad",
    "backward() adds into .grad; zero_grad() resets it":
        "backward() 把梯度加到 .grad 上；zero_grad() 把它重置",
    "Run this cell to get a checkbox per layer and a button that trains.":
        "运行这个单元格，每一层会有一个复选框，还有一个训练按钮。",
    "train {n} steps": "训练 {n} 步",
    "reset weights": "重置权重",
    "Every layer is frozen: nothing can be trained.": "每一层都冻结了：没有可以训练的参数。",
    "trainable": "可训练",
    "frozen": "已冻结",
    "{layer} ({type}, {state}): moved {moved:.4f}, grad norm {grad}":
        "{layer}（{type}，{state}）：移动了 {moved:.4f}，梯度范数 {grad}",
    "Untick a layer to freeze it, then train {n} steps.":
        "取消勾选某一层就能冻结它，然后训练 {n} 步。",
    "loss {before} → {after} after {n} steps": "训练 {n} 步后，损失 {before} → {after}",
    "{layers} layers, train() runs {n} steps": "{layers} 层，train() 运行 {n} 步",
    "loss {before} -> {after}": "损失 {before} -> {after}",
}
