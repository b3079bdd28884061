"""Lesson 09: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
    # parameter_names, state_dict_keys (the typical mistakes both checks name)
    "heads is a Python list: Module does not look inside lists, so heads.0.weight and "
    "heads.0.bias are never registered.":
        "heads 是一个 Python 列表：Module 不会查看列表内部，所以 heads.0.weight 和 "
        "heads.0.bias 从未被注册。",
    "last is a plain tensor attribute: a Module neither trains nor saves it.":
        "last 是一个普通的张量属性：Module 既不训练它，也不保存它。",
    "out is a sub-module, not a tensor: its parameters are listed by their full names, "
    "out.weight and out.bias.":
        "out 是一个子模块，不是张量：它的参数以完整的名字列出，即 out.weight 和 out.bias。",
    "scale is a Parameter with requires_grad=False: frozen, but still a registered parameter.":
        "scale 是一个 requires_grad=False 的 Parameter：它被冻结了，但仍然是已注册的参数。",
    # parameter_names
    "give a list of names as strings, e.g. ['embed', ...].":
        "请给出一个由名字字符串组成的列表，例如 ['embed', ...]。",
    "Parameters and the parameters of sub-modules are registered; the buffer, the plain "
    "tensor and the layer in a Python list are not.":
        "Parameter 和子模块的参数都会被注册；缓冲区、普通张量以及放在 Python 列表里的层则不会。",
    "count is a buffer: registered with the module and saved in its state_dict, but not a "
    "parameter, so the optimizer never sees it.":
        "count 是一个缓冲区：它注册在模块上，也保存在 state_dict 里，但它不是参数，"
        "所以优化器永远看不到它。",
    "list every Parameter assigned to the module (frozen ones too) and the parameters of its "
    "sub-modules, each under its full name.":
        "请列出赋给这个模块的每个 Parameter（冻结的也算）以及它的子模块的参数，"
        "每个都用完整的名字。",
    # state_dict_keys
    "give a list of keys as strings, e.g. ['embed', ...].":
        "请给出一个由键的字符串组成的列表，例如 ['embed', ...]。",
    "a state_dict holds every parameter, frozen or not, and every persistent buffer.":
        "state_dict 里有每个参数（无论是否冻结）和每个持久（persistent）缓冲区。",
    "count is missing: buffers are not trained, but they are saved in the state_dict (that is "
    "what they are for).":
        "缺了 count：缓冲区不参与训练，但会保存在 state_dict 里（缓冲区正是为此而设的）。",
    "a state_dict holds the parameters (frozen too) and the buffers, each under its full name.":
        "state_dict 里有参数（冻结的也算）和缓冲区，每个都以完整的名字为键。",
    # registered_stack
    "give a model: a Stack built from three_layers(), not a list or a number.":
        "请给出一个模型：用 three_layers() 搭成的 Stack，而不是列表或数字。",
    "parameters() is still empty: the layers sit in a Python list, which a Module does not "
    "look inside; wrap the list in nn.ModuleList.":
        "parameters() 仍然是空的：这些层放在 Python 列表里，而 Module 不会查看列表内部；"
        "请用 nn.ModuleList 把列表包起来。",
    "the optimizer now gets all four tensors ({names}), so both Linear layers train.":
        "现在优化器拿到了全部四个张量（{names}），所以两个 Linear 层都会被训练。",
    "the optimizer would get {count} tensors ({names}); the three layers hold four (two "
    "weights, two biases).":
        "优化器只会拿到 {count} 个张量（{names}）；这三层一共有四个（两个权重，两个偏置）。",
    # predict: Variable today
    "What is type(Variable(a, requires_grad=True)).__name__ today?":
        "如今 type(Variable(a, requires_grad=True)).__name__ 是什么？",
    "'Variable'": "'Variable'",
    "'Tensor'": "'Tensor'",
    "'Parameter'": "'Parameter'",
    "an error: Variable was removed": "报错：Variable 已被移除",
    # predict: a Python list of layers
    "listed = Stack(three_layers()). How many tensors does list(listed.parameters()) hold?":
        "listed = Stack(three_layers())。list(listed.parameters()) 里有几个张量？",
    "4: two weights and two biases": "4：两个权重和两个偏置",
    "2: only the last layer": "2：只有最后一层的",
    "0": "0",
    "an error: a list is not a Module": "报错：列表不是 Module",
}
