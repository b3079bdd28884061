"""Programs whose warnings PyTorch shows once per process; run in a fresh process each time.

This module does not import torch: the minigrad run should not pay for loading it.
"""
from .harness import info

programs = []


def program(fn):
    programs.append(fn)
    return fn


@program
def backward_with_create_graph_warns_about_a_reference_cycle_once(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward(create_graph=True)
    (x * x).sum().backward(create_graph=True)
    return info(x.grad)


@program
def autograd_grad_with_create_graph_does_not_warn(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (g,) = torch.autograd.grad((x * x).sum(), x, create_graph=True)
    return info(g)


@program
def capital_t_of_a_vector_warns_once(torch):
    x = torch.tensor([1.0, 2.0])
    return [info(x.T), info(x.T), info(torch.zeros(2, 1, 3).T)]


@program
def capital_t_of_a_0_dim_tensor_warns_once(torch):
    x = torch.tensor(1.5, requires_grad=True)
    return [info(x.T), info(x.T)]
