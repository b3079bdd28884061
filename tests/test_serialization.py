"""minigrad.save / minigrad.load: exact round trips, resuming training, and damaged files."""

import io
import math
import os
import pickle
import zipfile
from collections import OrderedDict

import numpy as np
import pytest

import minigrad
from minigrad import nn, optim
from minigrad.serialization import CheckpointError


def same(a, b) -> bool:
    """Equal structures, types and values; tensors equal in dtype, shape and every bit."""
    if isinstance(a, minigrad.Tensor):
        return (
            type(a) is type(b)
            and a.dtype is b.dtype
            and a.shape == b.shape
            and a.requires_grad == b.requires_grad
            and a.numpy(force=True).tobytes() == b.numpy(force=True).tobytes()
        )
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def round_trip(obj, tmp_path):
    path = tmp_path / "checkpoint.pt"
    minigrad.save(obj, path)
    return minigrad.load(path)


# ----- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype", ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"]
)
def test_every_dtype_round_trips_bit_for_bit(dtype, tmp_path):
    values = np.random.default_rng(0).normal(size=(3, 4)) * 50
    t = minigrad.from_numpy(values.astype(dtype))
    assert same(round_trip(t, tmp_path), t)


def test_nested_structures_round_trip(tmp_path):
    obj = {
        "state": {0: {"step": minigrad.tensor(3.0), "exp_avg": minigrad.randn(2, 3)}, 1: {}},
        "param_groups": [
            {
                "lr": 1e-3,
                "betas": (0.9, 0.999),
                "eps": 1e-08,
                "amsgrad": False,
                "foreach": None,
                "params": [0, 1],
                "name": "head",
            }
        ],
        "scalars": [0, -7, 2**62, 1.5, float("nan"), float("inf"), -float("inf"), True, None],
        "ordered": OrderedDict([("b", minigrad.zeros(0)), ("a", minigrad.tensor(2))]),
        "shape": minigrad.Size([2, 3]),
        (1, "x"): "tuple key",
    }
    loaded = round_trip(obj, tmp_path)
    assert same(loaded, obj)
    assert isinstance(loaded["ordered"], OrderedDict) and type(loaded["shape"]) is minigrad.Size


def test_parameters_views_and_shared_tensors(tmp_path):
    p = nn.Parameter(minigrad.randn(3, 2))
    view = minigrad.arange(12).reshape(3, 4).t()  # not contiguous
    shared = minigrad.ones(2)
    loaded = round_trip({"p": p, "view": view, "a": shared, "b": shared}, tmp_path)
    assert type(loaded["p"]) is nn.Parameter and loaded["p"].requires_grad
    assert loaded["view"].tolist() == view.tolist()
    assert loaded["a"] is loaded["b"]


def test_file_objects_work_too():
    buffer = io.BytesIO()
    minigrad.save({"x": minigrad.arange(3)}, buffer)
    buffer.seek(0)
    assert minigrad.load(buffer)["x"].tolist() == [0, 1, 2]


def test_model_and_optimizer_state_dicts_restore_training_bit_for_bit(tmp_path):
    """Save after 3 Adam steps, load into fresh objects: the next steps are identical."""

    def make():
        model = nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 1))
        return model, optim.Adam(model.parameters(), lr=0.01, amsgrad=True)

    def train(model, optimizer, steps):
        for step in range(steps):
            x = minigrad.tensor(np.sin(np.arange(16.0) + step).reshape(8, 2).astype(np.float32))
            optimizer.zero_grad()
            model(x).pow(2).mean().backward()
            optimizer.step()

    minigrad.manual_seed(0)
    model, optimizer = make()
    train(model, optimizer, 3)
    minigrad.save(
        {"model": model.state_dict(), "optimizer": optimizer.state_dict()}, tmp_path / "run.ckpt"
    )
    checkpoint = minigrad.load(tmp_path / "run.ckpt")
    assert same(checkpoint["optimizer"]["param_groups"], optimizer.state_dict()["param_groups"])
    minigrad.manual_seed(123)
    resumed, resumed_optimizer = make()
    resumed.load_state_dict(checkpoint["model"])
    resumed_optimizer.load_state_dict(checkpoint["optimizer"])
    train(model, optimizer, 2)
    train(resumed, resumed_optimizer, 2)
    assert same(resumed.state_dict(), model.state_dict())
    assert same(resumed_optimizer.state_dict(), optimizer.state_dict())


# ----- what cannot be saved -----------------------------------------------------------------


def test_unsupported_objects_are_refused_and_leave_the_old_file(tmp_path):
    path = tmp_path / "model.pt"
    minigrad.save({"x": minigrad.ones(1)}, path)
    with pytest.raises(TypeError, match="cannot store an object of type Linear"):
        minigrad.save(nn.Linear(1, 1), path)
    assert minigrad.load(path)["x"].tolist() == [1.0]
    assert os.listdir(tmp_path) == ["model.pt"]  # no temporary file left behind


# ----- damaged and foreign files ------------------------------------------------------------


@pytest.fixture
def checkpoint(tmp_path):
    obj = {"model": nn.Linear(3, 2).state_dict(), "step": 4, "betas": (0.9, 0.999)}
    path = tmp_path / "good.ckpt"
    minigrad.save(obj, path)
    return obj, path.read_bytes()


def load_bytes(raw: bytes, tmp_path, name="damaged.ckpt"):
    path = tmp_path / name
    path.write_bytes(raw)
    return minigrad.load(path), str(path)


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        minigrad.load(tmp_path / "nope.pt")


def test_every_truncation_is_rejected_naming_the_file(checkpoint, tmp_path):
    _, raw = checkpoint
    for size in sorted(set(range(0, len(raw), 7)) | {len(raw) - 1, 1, 2}):
        with pytest.raises(
            CheckpointError, match="damaged.ckpt is not a valid minigrad checkpoint"
        ):
            load_bytes(raw[:size], tmp_path)


def test_flipped_bytes_are_rejected_or_harmless(checkpoint, tmp_path):
    """Any single corrupted byte raises a clear error, or (in unchecked zip fields such as
    timestamps) changes nothing that is loaded: never a silently different object."""
    obj, raw = checkpoint
    rng = np.random.default_rng(0)
    rejected = 0
    for position in rng.choice(len(raw), size=300, replace=False):
        damaged = bytearray(raw)
        damaged[position] ^= 1 << int(rng.integers(8))
        try:
            loaded, _ = load_bytes(bytes(damaged), tmp_path)
        except CheckpointError as error:
            assert "damaged.ckpt" in str(error)
            rejected += 1
        else:
            assert same(loaded, obj), f"byte {position} changed the loaded object"
    assert rejected > 200


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello, this is a text file\n",
        pickle.dumps({"weight": [1.0, 2.0]}),
        b"PK\x03\x04" + b"\x00" * 60,
    ],
)
def test_foreign_files_are_rejected(content, tmp_path):
    with pytest.raises(CheckpointError, match="foreign.bin is not a valid minigrad checkpoint"):
        load_bytes(content, tmp_path, "foreign.bin")


def test_other_zip_archives_are_rejected(tmp_path):
    np.savez(tmp_path / "arrays.npz", a=np.ones(3))
    with pytest.raises(CheckpointError, match="arrays.npz"):
        minigrad.load(tmp_path / "arrays.npz")


class _Payload:
    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_loading_a_malicious_pickle_runs_no_code(tmp_path):
    payload = _Payload()
    payload.marker = tmp_path / "pwned"
    with pytest.raises(CheckpointError):
        load_bytes(pickle.dumps(payload), tmp_path, "evil.pt")
    assert not payload.marker.exists()


def rewrite(raw: bytes, edit) -> bytes:
    """A checkpoint whose JSON header was edited, re-zipped with valid CRCs."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, edit(data) if name == "checkpoint.json" else data)
    return out.getvalue()


@pytest.mark.parametrize(
    "edit, reason",
    [
        (lambda j: j.replace(b'"shape": [2, 3]', b'"shape": [200, 300]'), "holds 24 bytes"),
        (lambda j: j.replace(b'"dtype": "float32"', b'"dtype": "object"'), "no valid dtype"),
        (lambda j: j.replace(b'"tensor": 1', b'"tensor": 9'), "points to no stored tensor"),
        (lambda j: j.replace(b'"version": 1', b'"version": 99'), "unsupported format version"),
        (lambda j: j.replace(b'"tuple"', b'"module"'), "unexpected entry"),
        (lambda j: j.replace(b"minigrad-checkpoint", b"other-format"), "does not describe"),
    ],
)
def test_consistent_zips_with_bad_headers_are_rejected(checkpoint, tmp_path, edit, reason):
    _, raw = checkpoint
    with pytest.raises(CheckpointError, match=reason):
        load_bytes(rewrite(raw, edit), tmp_path)


def test_a_checkpoint_of_another_model_changes_no_parameter(tmp_path):
    minigrad.save(nn.Linear(3, 2).state_dict(), tmp_path / "small.pt")
    model = nn.Linear(3, 4)
    before = model.weight.detach().clone()
    with pytest.raises(RuntimeError, match="size mismatch for weight"):
        model.load_state_dict(minigrad.load(tmp_path / "small.pt"))
    assert model.weight.equal(before)
