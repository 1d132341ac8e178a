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
SCHEME = "affine32"  # named, not defaulted: a library default may change under stored values
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    exact: str
    signature: bytes  # PERMUTATIONS unsigned 32-bit values
    buckets: tuple[str, ...]  # one per band


def fingerprint(title: str, text: str) -> Fingerprint:
    import numpy as np  # imported on first use: it costs a command that fingerprints nothing
    from datasketch import MinHash

    words = _WORD.findall(f"{title}\n{text}".casefold())
    exact = hashlib.sha256(" ".join(words).encode()).hexdigest()
    shingles = [" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))]
    # crc32 (C) hashes the shingles; the seeded permutations are made once, not per release
    minhash = MinHash(
        num_perm=PERMUTATIONS,
        seed=SEED,
        hashfunc=zlib.crc32,
        permutations=_permutations(),
        scheme=SCHEME,
    )
    minhash.update_batch([shingle.encode() for shingle in shingles if shingle])
    values = minhash.hashvalues.astype(np.uint32)
    buckets = tuple(
        hashlib.blake2b(values[i * ROWS : (i + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for i in range(BANDS)
    )
    return Fingerprint(exact=exact, signature=values.tobytes(), buckets=buckets)


@cache
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures (the share of equal values)."""
    import numpy as np

    left, right = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(left == right)) / PERMUTATIONS
