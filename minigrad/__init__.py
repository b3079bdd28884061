"""minigrad: PyTorch's autograd, small enough to read, on NumPy.

``import minigrad as torch`` runs autograd code written for PyTorch: the same tensors,
graphs, gradients, printouts and error messages.
"""
# tensor first: the ops and autograd modules it loads look the Tensor class up through
# autograd/results.py while it is still loading.
from .tensor import Tensor, _operand, pow  # isort: skip
from . import autograd, dtypes, random
from .autograd import enable_grad, inference_mode, no_grad, set_grad_enabled
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled
from .autograd.grad_mode import is_grad_enabled, is_inference_mode_enabled
from .creation import (
    BoolTensor,
    DoubleTensor,
    FloatTensor,
    LongTensor,
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randn,
    randn_like,
    randperm,
    tensor,
    zeros,
    zeros_like,
)
from .dtypes import (
    bool,
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    promote_types,
    set_default_dtype,
    short,
    uint8,
)
from .functions import *  # noqa: F403 - exp, sum, cat, stack, where, ...
from .printing import set_printoptions
from .random import (
    Generator,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    seed,
    set_rng_state,
)
from .types import Size, device

# isort: split
# Built on everything above, so imported last.
from . import nn, optim, utils
from .serialization import load, save

__version__ = "0.1.0"



def is_floating_point(input) -> bool:
    return input.dtype.is_floating_point


def result_type(a, b):
    return dtypes.result_type(_operand(a), _operand(b))
