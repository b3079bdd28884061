"""minigrad.utils.data: TensorDataset, samplers, DataLoader batching, shuffling and collation."""

import numpy as np
import pytest

import minigrad
from minigrad.utils.data import (
    BatchSampler,
    DataLoader,
    Dataset,
    RandomSampler,
    SequentialSampler,
    Subset,
    TensorDataset,
    default_collate,
    random_split,
)


def dataset(n=10):
    return TensorDataset(minigrad.arange(n).float().reshape(n, 1) * 10, minigrad.arange(n))


def test_tensor_dataset_returns_one_row_of_each_tensor():
    ds = dataset()
    x, y = ds[3]
    assert len(ds) == 10 and x.tolist() == [30.0] and y.item() == 3


def test_tensor_dataset_needs_equal_first_dims():
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        TensorDataset(minigrad.ones(3), minigrad.ones(4))


def test_loader_batches_in_order_and_keeps_the_last_small_batch():
    batches = list(DataLoader(dataset(), batch_size=4))
    assert [y.tolist() for _, y in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert batches[0][0].shape == (4, 1) and len(DataLoader(dataset(), batch_size=4)) == 3


def test_drop_last_skips_the_small_batch():
    loader = DataLoader(dataset(), batch_size=4, drop_last=True)
    assert len(loader) == 2 and [len(y) for _, y in loader] == [4, 4]


def test_shuffle_visits_every_sample_once_in_a_new_order_each_epoch():
    loader = DataLoader(
        dataset(), batch_size=3, shuffle=True, generator=minigrad.Generator().manual_seed(0)
    )
    epochs = [[i for _, y in loader for i in y.tolist()] for _ in range(2)]
    assert all(sorted(e) == list(range(10)) for e in epochs)
    assert epochs[0] != epochs[1] and epochs[0] != list(range(10))


def test_shuffle_is_repeatable_with_a_seeded_generator_or_manual_seed():
    def order(**kwargs):
        return [
            i
            for _, y in DataLoader(dataset(), batch_size=4, shuffle=True, **kwargs)
            for i in y.tolist()
        ]

    assert order(generator=minigrad.Generator().manual_seed(5)) == order(
        generator=minigrad.Generator().manual_seed(5)
    )
    minigrad.manual_seed(3)
    first = order()
    minigrad.manual_seed(3)
    assert order() == first


def test_default_collate_follows_pytorch_types():
    batch = default_collate(
        [(1, 2.5, "a", {"k": np.float32(1)}), (2, 3.5, "b", {"k": np.float32(2)})]
    )
    ints, floats, names, mapping = batch
    assert ints.dtype is minigrad.int64 and floats.dtype is minigrad.float64
    assert names == ("a", "b") and mapping["k"].tolist() == [1.0, 2.0]
    assert isinstance(batch, list)  # tuples of fields become a list, as in PyTorch


def test_batch_size_none_gives_single_samples():
    loader = DataLoader(dataset(3), batch_size=None)
    assert [y.item() for _, y in loader] == [0, 1, 2]


def test_custom_dataset_and_collate_fn():
    class Squares(Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return i * i

    loader = DataLoader(Squares(), batch_size=2, collate_fn=list)
    assert list(loader) == [[0, 1], [4, 9], [16]]
    assert default_collate([0, 1]).tolist() == [0, 1]


def test_samplers():
    assert list(SequentialSampler(range(3))) == [0, 1, 2]
    sampled = list(RandomSampler(range(6), generator=minigrad.Generator().manual_seed(1)))
    assert sorted(sampled) == list(range(6))
    assert list(BatchSampler(range(5), 2, drop_last=False)) == [[0, 1], [2, 3], [4]]
    with pytest.raises(ValueError, match="batch_size should be a positive integer value"):
        BatchSampler(range(5), 0, drop_last=False)


def test_random_split_and_subset():
    parts = random_split(dataset(), [7, 3], generator=minigrad.Generator().manual_seed(0))
    assert [len(p) for p in parts] == [7, 3] and isinstance(parts[0], Subset)
    seen = sorted(y.item() for part in parts for _, y in (part[i] for i in range(len(part))))
    assert seen == list(range(10))
    assert [len(p) for p in random_split(dataset(), [0.5, 0.5])] == [5, 5]
    with pytest.raises(ValueError, match="Sum of input lengths"):
        random_split(dataset(), [3, 3])


def test_loader_argument_errors():
    with pytest.raises(ValueError, match="sampler option is mutually exclusive with shuffle"):
        DataLoader(dataset(), sampler=SequentialSampler(range(10)), shuffle=True)
    with pytest.raises(ValueError, match="batch_size should be a positive integer value"):
        DataLoader(dataset(), batch_size=0)
