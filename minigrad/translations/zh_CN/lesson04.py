"""Lesson 04: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # grad_after_two_backwards
    "the second backward() works: MeanBackward0 saved no tensors, only a count and a shape, "
    "so nothing was freed and w.grad is not None.":
        "第二次 backward() 能成功：MeanBackward0 没有保存张量，只保存了元素个数和形状，"
        "所以没有东西被释放，w.grad 也不是 None。",
    "every entry of w counts the same in the mean, so every entry of w.grad is the same "
    "number: which one?":
        "w 的每个元素在均值里所占的比重都一样，所以 w.grad 的每个元素都是同一个数：是多少？",
    "w has four elements, so w.grad has four entries, not {length}.":
        "w 有四个元素，所以 w.grad 也有四个元素，而不是 {length} 个。",
    "Each backward() adds 1/4 to every entry, so after two it is 1/4 + 1/4 = 0.5.":
        "每次 backward() 都给每个元素加上 1/4，所以两次之后是 1/4 + 1/4 = 0.5。",
    "1/4 is one backward(); the second one adds another 1/4 into w.grad instead of "
    "replacing it.":
        "1/4 是一次 backward() 的结果；第二次会往 w.grad 里再加 1/4，而不是替换掉它。",
    "2/3 and 1/3 are the post's numbers for three elements; w has four, so each backward() "
    "adds 1/4.":
        "2/3 和 1/3 是文章里三个元素时的数；这里 w 有四个元素，所以每次 backward() 加 1/4。",
    "nothing reset w.grad: backward() adds into it, 1/4 each time.":
        "没有任何东西重置 w.grad：backward() 往里加，每次加 1/4。",
    "the mean divides by 4, so each backward() adds 1/4 per entry, not 1.":
        "均值要除以 4，所以每次 backward() 给每个元素加 1/4，而不是 1。",
    "d = (w0 + w1 + w2 + w3) / 4 gives 1/4 per entry at each backward(), and the two "
    "backward() calls add up.":
        "d = (w0 + w1 + w2 + w3) / 4 使每次 backward() 给每个元素 1/4，"
        "两次 backward() 的结果会加起来。",
    # grad_of_reused_weight
    "w is a single number, so w.grad is one number: dy/dw at w = 2.":
        "w 是单个数，所以 w.grad 也是一个数：w = 2 处的 dy/dw。",
    "The three uses of w each send a gradient to the same leaf, and they add up: "
    "2 + 2 + 3 = 7 (that is 2w + 3).":
        "w 的三次使用各自把一个梯度送到同一个叶子张量，它们加在一起：2 + 2 + 3 = 7（即 2w + 3）。",
    "4 is the w * w part alone (2w); the 3 * w term adds another 3.":
        "4 只是 w * w 这部分（2w）；3 * w 这一项还要再加 3。",
    "3 is the 3 * w part alone; w * w adds 2w = 4 more.":
        "3 只是 3 * w 这部分；w * w 还要再加 2w = 4。",
    "w * w uses w twice, and each use sends w = 2, so that part is 4, not 2; then add 3.":
        "w * w 用了 w 两次，每次使用都送回 w = 2，所以这部分是 4，不是 2；然后再加 3。",
    "2 is what one factor of w * w sends; both factors are w, and then 3 * w adds 3.":
        "2 是 w * w 其中一个因子送回的梯度；两个因子都是 w，之后 3 * w 还要加 3。",
    "10 is y itself (4 + 6); w.grad is the derivative dy/dw.":
        "10 是 y 本身（4 + 6）；w.grad 是导数 dy/dw。",
    "14 is two backward passes; here backward() runs once, and the uses inside one graph "
    "add up to 7.":
        "14 是两次反向传播的结果；这里 backward() 只运行一次，同一张计算图里的几次使用加起来是 7。",
    "add what each use of w sends back: w * w sends w twice, 3 * w sends 3.":
        "把 w 每次使用送回的梯度加起来：w * w 送回两次 w，3 * w 送回 3。",
    # microbatch_divisor
    "the answer is one number: what to divide each micro-batch's loss by.":
        "答案是一个数：每个微批次的损失要除以几。",
    "Four micro-batch means, each divided by 4, add up to the mean over all 8 samples, "
    "so w.grad is the full-batch gradient.":
        "四个微批次的均值各除以 4，加起来就是全部 8 个样本的均值，所以 w.grad 就是整个批次的梯度。",
    "without dividing, four micro-batch gradients add up to 4 times the full-batch gradient.":
        "不做除法的话，四个微批次的梯度加起来是整个批次梯度的 4 倍。",
    "each micro-batch loss is already a mean over its 2 samples; dividing by 8 as well "
    "gives half the full-batch gradient.":
        "每个微批次的损失已经是它那 2 个样本的均值；再除以 8，得到的只有整个批次梯度的一半。",
    "2 is the micro-batch size, and its mean already divides by it; there are "
    "4 micro-batches to average, so 2 gives twice the full-batch gradient.":
        "2 是微批次的大小，它的均值已经除过 2 了；要平均的是 4 个微批次，"
        "所以除以 2 得到的是整个批次梯度的两倍。",
    "dividing by 1/4 multiplies by 4: 16 times the full-batch gradient.":
        "除以 1/4 等于乘以 4：得到整个批次梯度的 16 倍。",
    "the full-batch mean is the average of the 4 micro-batch means: divide by "
    "the number of micro-batches.":
        "整个批次的均值是 4 个微批次均值的平均：要除以微批次的个数。",
    # predict: a second backward()
    "What does a second d.backward() leave in w1.grad?":
        "再调用一次 d.backward()，w1.grad 里会是什么？",
    "[0.3333, 0.3333, 0.3333] again: the gradient is recomputed":
        "还是 [0.3333, 0.3333, 0.3333]：梯度被重新计算",
    "[0.6667, 0.6667, 0.6667]: the new gradient is added":
        "[0.6667, 0.6667, 0.6667]：新的梯度被加了上去",
    "an error: the graph was freed by the first backward()":
        "报错：计算图在第一次 backward() 时已被释放",
    "zeros: the second call resets it": "全是零：第二次调用把它重置了",
    # predict: a weight used three times
    "What is x.grad after y.backward(), at x = 3?":
        "在 x = 3 处，y.backward() 之后 x.grad 是多少？",
    "1: only the last use of x counts": "1：只有 x 的最后一次使用才算数",
    "6: the gradient of x * x": "6：x * x 的梯度",
    "7: 3 + 3 + 1, every use adds": "7：3 + 3 + 1，每次使用都会加上去",
    "12: the value of y": "12：y 的值",
    # predict: micro-batches without the / 4
    "The same loop without the / 4: what does w.grad hold?":
        "同样的循环去掉 / 4：w.grad 里是什么？",
    "the full-batch gradient: the mean takes care of it": "整个批次的梯度：均值已经处理好了",
    "4 times the full-batch gradient": "整个批次梯度的 4 倍",
    "only the last micro-batch's gradient": "只有最后一个微批次的梯度",
    "an error: backward() needs retain_graph=True to accumulate":
        "报错：backward() 要累加就需要 retain_graph=True",
}
