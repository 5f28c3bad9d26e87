"""A trained CRFsuite model as arrays, and Viterbi decoding with it.

python-crfsuite trains the model (scripts/train_ner.py); tagging reads the weights from
the model file and decodes here. A linear chain's state score is a sum of feature
weights, so what a word type contributes (its own features and those it lends to its
neighbours) can be summed once per type and cached (``FeatureExtractor.emissions``):
pycrfsuite's tagger would take ~70 feature strings per token on every call, which was
three quarters of the entity stage's time. Decoding follows CRFsuite's ``crf1dc_viterbi``
(no start or end transitions, ties to the lower label id), so the tags are pycrfsuite's
(tests/test_ner_crf_model.py compares both).

The file layout is CRFsuite's CRF1d model (``crf1d_model.c``): a 48-byte header of
little-endian uint32 offsets, a feature chunk of (type, source, target, float64 weight)
records, and two CQDB string tables (labels, attributes) read through their id → record
"backward" arrays.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from marsad.errors import ModelError

Array = npt.NDArray[np.float64]

_HEADER = struct.Struct("<4sI4s9I")
_CQDB_HEADER = struct.Struct("<4s5I")
_RECORD_HEAD = struct.Struct("<II")
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_FEATURE_CHUNK_HEAD = 12
_STATE, _TRANSITION = 0, 1
#: Most sequences decoded side by side: a document's sentences (~10 on ANT) go in one
#: batch, and a corpus's arrays stay small (64 × 300 tokens × 9 labels of float64 each).
DECODE_BATCH = 64


@dataclass(frozen=True)
class LinearChain:
    """A linear-chain CRF: state weights per attribute and label, and label transitions."""

    labels: tuple[str, ...]
    #: attribute name → its row in ``state``
    attributes: dict[str, int]
    #: (attributes + 1, labels) weights of the state features (0 where L1 pruned one);
    #: the last row, all zeros, stands for the features the model does not know
    state: Array
    #: (labels, labels) weights from the row's label to the column's
    transitions: Array

    def scores(self, bags: Sequence[Sequence[str]]) -> Array:
        """State scores of bags of features, one row (one score per label) per bag; an
        unknown name adds nothing and a repeated one counts each time, as in CRFsuite."""
        get, unknown = self.attributes.get, len(self.attributes)
        rows = [get(name, unknown) for bag in bags for name in bag]
        lengths = np.array([len(bag) for bag in bags], dtype=np.intp)
        if not len(lengths):
            return np.zeros((0, len(self.labels)))
        starts = np.zeros_like(lengths)
        np.cumsum(lengths[:-1], out=starts[1:])
        rows.append(unknown)  # a zero row: reduceat needs every start inside the array
        out: Array = np.add.reduceat(self.state[rows], starts)
        out[lengths == 0] = 0.0  # reduceat gives an empty bag the row at its start
        return out

    def decode(self, emissions: Sequence[Array]) -> list[list[str]]:
        """The best label sequence of each (tokens, labels) state-score matrix.

        Sequences of similar lengths are decoded side by side, one numpy step per position
        of the longest: a document's ~10 sentences cost ~50 steps instead of ~300.
        """
        order = sorted(range(len(emissions)), key=lambda k: len(emissions[k]))
        out: list[list[str]] = [[] for _ in emissions]
        for start in range(0, len(order), DECODE_BATCH):
            batch = order[start : start + DECODE_BATCH]
            for k, path in zip(batch, self._viterbi([emissions[k] for k in batch]), strict=True):
                out[k] = [self.labels[y] for y in path]
        return out

    def _viterbi(self, emissions: Sequence[Array]) -> list[list[int]]:
        lengths = [len(e) for e in emissions]
        steps = max(lengths, default=0)
        if steps == 0:
            return [[] for _ in emissions]
        size, n_labels = len(emissions), len(self.labels)
        # deltas[t, k]: best score of sequence k's paths ending at t in each label
        deltas = np.zeros((steps, size, n_labels))
        for k, e in enumerate(emissions):
            deltas[: len(e), k] = e
        back = np.zeros((steps, size, n_labels), dtype=np.intp)
        candidates = np.empty((size, n_labels, n_labels))
        transitions = self.transitions
        for t in range(1, steps):
            np.add(deltas[t - 1][:, :, None], transitions, out=candidates)
            candidates.argmax(axis=1, out=back[t])
            deltas[t] += np.maximum.reduce(candidates, axis=1)
        ends = np.maximum(np.array(lengths) - 1, 0)
        last = deltas[ends, np.arange(size)].argmax(axis=1).tolist()
        pointers = back.tolist()
        out: list[list[int]] = []
        for k, n in enumerate(lengths):
            path = [0] * n
            if n:
                path[-1] = last[k]
                for t in range(n - 1, 0, -1):
                    path[t - 1] = pointers[t][k][path[t]]
            out.append(path)
        return out


def read_model(path: Path) -> LinearChain:
    """The weights of a CRFsuite CRF1d model file."""
    try:
        data = path.read_bytes()
        magic, _, kind, _, _, n_labels, n_attributes, features_at, labels_at, attributes_at = (
            _HEADER.unpack_from(data)[:10]
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a CRFsuite CRF1d model")
        labels = _strings(data, labels_at)
        attributes = _strings(data, attributes_at)
        if len(labels) != n_labels or len(attributes) != n_attributes:
            raise ValueError("label or attribute count differs from the header")
        (count,) = struct.unpack_from("<I", data, features_at + 8)
        features = np.frombuffer(data, _FEATURE, count, features_at + _FEATURE_CHUNK_HEAD)
    except (OSError, ValueError, struct.error, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read the NER model {path}: {exc}; reinstall marsad") from exc
    state = np.zeros((len(attributes) + 1, len(labels)))
    transitions = np.zeros((len(labels), len(labels)))
    for kind_id, table in ((_STATE, state), (_TRANSITION, transitions)):
        rows = features[features["type"] == kind_id]
        table[rows["source"], rows["target"]] = rows["weight"]
    return LinearChain(
        tuple(labels), {name: k for k, name in enumerate(attributes)}, state, transitions
    )


def _strings(data: bytes, at: int) -> list[str]:
    """The strings of a CQDB table, by id."""
    chunk, _, _, _, count, backward_at = _CQDB_HEADER.unpack_from(data, at)
    if chunk != b"CQDB":
        raise ValueError(f"no string table at offset {at}")
    offsets = np.frombuffer(data, "<u4", count, at + backward_at).tolist()
    out = []
    for k, offset in enumerate(offsets):
        record_id, size = _RECORD_HEAD.unpack_from(data, at + offset)
        if record_id != k:
            raise ValueError(f"string table at offset {at} is out of order")
        start = at + offset + _RECORD_HEAD.size
        out.append(data[start : start + size - 1].decode("utf-8"))
    return out
