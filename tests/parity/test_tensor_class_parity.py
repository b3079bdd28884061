"""What Python itself says about minigrad.Tensor matches what it says about torch.Tensor.

A learner who reads ``inspect.signature(torch.Tensor.backward)`` or passes an old keyword
(``retain_variables=True``) sees text that Python writes from the class layout: the signature,
its return annotation, and the qualified name in a TypeError.
"""
import inspect

import pytest

import minigrad

torch = pytest.importorskip("torch", reason="parity tests need torch 2.13.0 (CI has it)")


def test_backward_has_pytorchs_signature():
    assert str(inspect.signature(minigrad.Tensor.backward)) == str(
        inspect.signature(torch.Tensor.backward))


def test_an_old_keyword_names_tensor_backward():
    messages = []
    for library in (torch, minigrad):
        loss = library.ones(2, requires_grad=True).sum()
        with pytest.raises(TypeError) as error:
            loss.backward(retain_variables=True)
        messages.append(str(error.value))
    assert messages[1] == messages[0]


def test_tensor_derives_from_tensorbase_as_in_pytorch():
    assert [c.__name__ for c in minigrad.Tensor.__mro__] == [
        c.__name__ for c in torch.Tensor.__mro__]
