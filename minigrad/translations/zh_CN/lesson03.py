"""Lesson 03: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # grad_of_first_row
    "Only the first row was used, so it gets 1/3 each and the second row gets zeros: "
    "w.grad always has w's shape.":
        "只用到了第一行，所以第一行每个数得到 1/3，第二行得到零：w.grad 的形状总是和 w 相同。",
    "those are the rows of the post's example, torch.mean(w1[1]); here w[0] is used, "
    "so the 1/3s go in the first row.":
        "这是文章里 torch.mean(w1[1]) 那个例子的两行；这里用的是 w[0]，所以 1/3 应该在第一行。",
    "the second row was never used by the loss, so its gradient is 0, not 1/3.":
        "损失根本没用到第二行，所以它的梯度是 0，不是 1/3。",
    "1/6 is the gradient of torch.mean(w) over all six numbers; the loss here averages only "
    "the three numbers of w[0].":
        "1/6 是对全部六个数求 torch.mean(w) 的梯度；这里的损失只对 w[0] 的三个数求平均。",
    "that is the gradient of w[0] alone; w.grad has w's shape, 2x3, with the unused row "
    "included.":
        "这只是 w[0] 的梯度；w.grad 的形状和 w 相同，是 2x3，没用到的那一行也包括在内。",
    "w.grad is not one number: it has w's shape, 2x3, one gradient per entry.":
        "w.grad 不是一个数：它的形状和 w 相同，是 2x3，每个元素一个梯度。",
    "w.grad has w's shape, 2x3: a gradient for each of the six numbers. "
    "Which of them did the loss use?":
        "w.grad 的形状和 w 相同，是 2x3：六个数各有一个梯度。损失用到了其中哪几个？",
    # vector_jacobian_product
    "x.grad = v @ J = 3 * [2, 1, 0] + 1 * [0, 3, 2] = [6, 6, 2].":
        "x.grad = v @ J = 3 * [2, 1, 0] + 1 * [0, 3, 2] = [6, 6, 2]。",
    "[2, 4, 2] is what gradient=torch.ones_like(y) gives (the sum of J's rows); "
    "here each row of J is weighted by v = [3, 1].":
        "[2, 4, 2] 是 gradient=torch.ones_like(y) 给出的结果（J 各行之和）；"
        "这里 J 的每一行要按 v = [3, 1] 加权。",
    "that is 3 times the first row of J only; the second output adds 1 times its row "
    "[0, 3, 2].":
        "这只是 J 第一行的 3 倍；第二个输出还要加上它那一行 [0, 3, 2] 的 1 倍。",
    "v is what you pass in; x.grad has x's shape (three numbers): v @ J.":
        "v 是你传进去的东西；x.grad 的形状和 x 相同（三个数）：v @ J。",
    "that is y * v, two numbers; x.grad has x's shape (three numbers): v @ J.":
        "这是 y * v，只有两个数；x.grad 的形状和 x 相同（三个数）：v @ J。",
    "that weights the first row by 1 and the second by 3; v = [3, 1] weights "
    "the first output's row by 3 and the second's by 1.":
        "这样是第一行乘 1、第二行乘 3；v = [3, 1] 给第一个输出那一行的权重是 3，"
        "给第二个输出那一行的权重是 1。",
    "x.grad has x's shape: three numbers, one per input, v @ J.":
        "x.grad 的形状和 x 相同：三个数，每个输入一个，即 v @ J。",
    "x.grad is v @ J: 3 times J's first row [2, 1, 0] plus 1 times its second row [0, 3, 2].":
        "x.grad 是 v @ J：J 第一行 [2, 1, 0] 的 3 倍，加上第二行 [0, 3, 2] 的 1 倍。",
    # gradient_for_mean
    "d(mean)/dy_i = 1/4 for each of the four y's, so "
    "y.backward(torch.full((4,), 0.25)) equals y.mean().backward().":
        "对四个 y 中的每一个，d(mean)/dy_i = 1/4，所以 "
        "y.backward(torch.full((4,), 0.25)) 与 y.mean().backward() 相同。",
    "ones give the gradients of y.sum(); the mean divides by 4, so each y counts 1/4.":
        "全 1 给出的是 y.sum() 的梯度；均值要除以 4，所以每个 y 只占 1/4。",
    "the mean divides by 4, so each y counts 1/4, not 4.":
        "均值要除以 4，所以每个 y 占 1/4，而不是 4。",
    "the number is right but gradient must have y's shape, four numbers; "
    "one number gives 'Mismatch in shape'.":
        "数是对的，但 gradient 的形状必须和 y 相同，是四个数；"
        "只给一个数会报错 'Mismatch in shape'。",
    "gradient must have y's shape (four numbers), one d(mean)/dy_i for each y.":
        "gradient 的形状必须和 y 相同（四个数），每个 y 一个 d(mean)/dy_i。",
    "gradient must have y's shape: four numbers, one for each y.":
        "gradient 的形状必须和 y 相同：四个数，每个 y 一个。",
    "each y_i enters the mean as y_i / 4: what is d(mean)/dy_i?":
        "每个 y_i 以 y_i / 4 的形式进入均值：d(mean)/dy_i 是多少？",
    # predict: backward() on a vector
    "What does y.backward() do here?": "这里的 y.backward() 会做什么？",
    "it fills x.grad with [2., 2., 2.]": "把 x.grad 填成 [2., 2., 2.]",
    "it fills x.grad with 2., a single number": "把 x.grad 填成单个数 2.",
    "it raises an error": "报错",
    # predict: a vector-Jacobian product
    "With v = [1., 10.], what is x.grad after y.backward(v)?":
        "取 v = [1., 10.]，y.backward(v) 之后 x.grad 是什么？",
    "[1., 10.]: v itself": "[1., 10.]：就是 v 本身",
    "[2., 4., 2.]: the sum of J's rows": "[2., 4., 2.]：J 各行之和",
    "[2., 31., 20.]: 1 times row 0 of J plus 10 times row 1":
        "[2., 31., 20.]：J 第 0 行的 1 倍加上第 1 行的 10 倍",
    "an error: y is not a scalar": "报错：y 不是标量",
    # predict: only part of a tensor used
    "What is w1.grad after res.backward()?": "res.backward() 之后 w1.grad 是什么？",
    "[0.3333, 0.3333, 0.3333]: the gradient of the row that was used":
        "[0.3333, 0.3333, 0.3333]：被用到的那一行的梯度",
    "a 2x3 tensor of 0.3333": "一个全是 0.3333 的 2x3 张量",
    "a 2x3 tensor: zeros in row 0, 0.3333 in row 1": "一个 2x3 张量：第 0 行是零，第 1 行是 0.3333",
    "a 2x3 tensor of 0.1667 (1/6)": "一个全是 0.1667（1/6）的 2x3 张量",
}
