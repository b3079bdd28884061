"""minigrad.utils.data against torch.utils.data: batches, collation, lengths and errors."""
import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, info

pytestmark = pytest.mark.torch
programs = Programs()


def dataset(torch, n=10):
    x = torch.tensor(np.arange(2 * n, dtype=np.float32).reshape(n, 2))
    return torch.utils.data.TensorDataset(x, torch.arange(n))


@programs
def tensor_dataset_items_are_tuples_of_rows(torch):
    ds = dataset(torch)
    x, y = ds[3]
    return [len(ds), type(ds[3]).__name__, info(x), info(y)]


@programs
def loader_batches_are_lists_of_stacked_tensors(torch):
    loader = torch.utils.data.DataLoader(dataset(torch), batch_size=4)
    return [len(loader), [[type(b).__name__, [info(t) for t in b]] for b in loader]]


@programs
def drop_last_and_batch_size_none(torch):
    dropped = torch.utils.data.DataLoader(dataset(torch), batch_size=4, drop_last=True)
    single = torch.utils.data.DataLoader(dataset(torch, 3), batch_size=None)
    return [len(dropped), [len(b[1]) for b in dropped], [info(y) for _, y in single]]


@programs
def shuffled_epochs_cover_every_sample(torch):
    loader = torch.utils.data.DataLoader(dataset(torch), batch_size=3, shuffle=True)
    epoch = sorted(i for _, y in loader for i in y.tolist())
    return [epoch, [len(y) for _, y in loader]]


@programs
def default_collate_of_numbers_strings_and_dicts(torch):
    collate = torch.utils.data.default_collate
    batch = collate([(1, 2.5, "a", {"k": 1.0}), (2, 3.5, "b", {"k": 2.0})])
    return [type(batch).__name__, info(batch[0]), info(batch[1]), batch[2], info(batch[3]["k"])]


@programs
def random_split_lengths(torch):
    parts = torch.utils.data.random_split(dataset(torch), [0.7, 0.3])
    whole = torch.utils.data.random_split(dataset(torch), [6, 4])
    return [[len(p) for p in parts], [len(p) for p in whole], type(parts[0]).__name__]


@programs.raising
def a_batch_size_of_zero_raises(torch):
    torch.utils.data.DataLoader(dataset(torch), batch_size=0)


@programs.raising
def tensors_of_different_lengths_raise(torch):
    torch.utils.data.TensorDataset(torch.ones(3), torch.ones(4))


@programs.raising
def shuffle_with_a_sampler_raises(torch):
    ds = dataset(torch)
    torch.utils.data.DataLoader(ds, sampler=torch.utils.data.SequentialSampler(ds), shuffle=True)


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
