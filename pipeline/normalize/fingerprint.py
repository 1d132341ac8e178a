"""A release's text fingerprint, to tell the same release arriving twice from a new one.

Two measures: an exact digest of the normalized words (a copied or renamed file), and a MinHash
signature over word shingles (the same release by e-mail and on the web page, a wire's copy of
the sender's text). Releases whose estimated Jaccard similarity of 4-word shingles reaches
`THRESHOLD` (0.6) are possible duplicates. Candidates are found by locality-sensitive hashing:
the signature (64 values) is cut into `BANDS` bands, and releases sharing one band's bucket are
compared. With 16 bands of 4 rows, a pair at similarity 0.6 becomes a candidate with
probability 0.89, at 0.7 with 0.99; the estimate itself is within about ±0.06.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache

SHINGLE = 4
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.6
SEED = 20261125  # fixed: signatures stored today must compare with those made next year
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    exact: str
    signature: bytes  # PERMUTATIONS unsigned 32-bit values
    buckets: tuple[str, ...]  # one per band


def fingerprint(title: str, text: str) -> Fingerprint:
    import numpy as np  # imported on first use: it costs a command that fingerprints nothing

    words = _WORD.findall(f"{title}\n{text}".casefold())
    joined = " ".join(words).encode()
    exact = hashlib.sha256(joined).hexdigest()
    # A shingle that recurs adds nothing to a minimum: they are hashed as they come, not made
    # into a set first (hashing every shingle's string for the set cost a fifth of the time).
    shingles = map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False))
    if len(words) < SHINGLE:
        shingles = [" ".join(words)] if words else []  # the whole short text is one shingle
    values = _minhash(np.fromiter(map(zlib.crc32, map(str.encode, shingles)), np.uint32))
    signature = values.tobytes()
    return Fingerprint(exact=exact, signature=signature, buckets=bands_of(signature))


def bands_of(signature: bytes) -> tuple[str, ...]:
    """The LSH bucket of each band of a signature (its ROWS values hashed)."""
    width = ROWS * 4  # bytes: ROWS unsigned 32-bit values
    return tuple(
        hashlib.blake2b(signature[i * width : (i + 1) * width], digest_size=8).hexdigest()
        for i in range(BANDS)
    )


# MurmurHash3's 32-bit finalizer: shifts and multipliers of its avalanche steps
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


def _minhash(hashes):
    """The MinHash signature of a set of 32-bit shingle hashes: for each of the PERMUTATIONS
    seeded affine maps h -> a*h + b (mod 2**32, `a` odd, so each map is a bijection), the
    smallest image. The hashes are first mixed with MurmurHash3's finalizer, so crc32's
    linearity cannot line up with the maps. This is the "affine32" scheme of datasketch 2
    (a test checks the values match), computed without importing datasketch, whose package
    import pulls in scipy and costs an ingest a third of a second."""
    import numpy as np

    multipliers, offsets = _permutations()
    if not len(hashes):
        return np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    shift1, mult1, shift2, mult2, shift3 = _FMIX32
    mixed = hashes ^ (hashes >> shift1)
    mixed = mixed * np.uint32(mult1)
    mixed ^= mixed >> shift2
    mixed = mixed * np.uint32(mult2)
    mixed ^= mixed >> shift3
    return (mixed[:, None] * multipliers + offsets).min(axis=0)


@cache
def _permutations():
    """The PERMUTATIONS (a, b) pairs, drawn once from SEED: stored signatures depend on them."""
    import numpy as np

    draw = np.random.RandomState(SEED)
    multipliers = draw.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2) + 1
    offsets = draw.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)
    return multipliers.astype(np.uint32), offsets


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures (the share of equal values)."""
    import numpy as np

    left, right = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(left == right)) / PERMUTATIONS
