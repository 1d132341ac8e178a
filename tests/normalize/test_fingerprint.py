"""Text fingerprints: the same release reworded a little is close, another release is not."""

from __future__ import annotations

from pipeline.normalize.fingerprint import BANDS, THRESHOLD, fingerprint, similarity

BODY = (
    "Die Stadt Lindenau baut ab März drei neue Radwege. Der erste führt vom Bahnhof zum Markt, "
    "der zweite entlang der Elster und der dritte zum Gewerbegebiet Nord. Die Arbeiten dauern "
    "bis zum Herbst; Umleitungen sind ausgeschildert. Die Kosten trägt zur Hälfte das Land."
)


def test_the_same_words_match_exactly_whatever_the_spacing_and_case():
    one = fingerprint("Neue Radwege", BODY)
    two = fingerprint("NEUE  Radwege", BODY.replace(" ", "  ").upper())
    assert one.exact == two.exact and similarity(one.signature, two.signature) == 1.0


def test_a_lightly_edited_version_is_a_possible_duplicate():
    one = fingerprint("Neue Radwege", BODY)
    edited = fingerprint("Neue Radwege in Lindenau", BODY.replace("März", "April"))
    assert one.exact != edited.exact
    assert similarity(one.signature, edited.signature) >= THRESHOLD
    assert any(a == b for a, b in zip(one.buckets, edited.buckets, strict=True))


def test_another_release_of_the_same_office_is_not():
    one = fingerprint("Neue Radwege", BODY)
    other = fingerprint(
        "Stadtbibliothek länger geöffnet",
        "Die Stadtbibliothek Lindenau öffnet ab Dezember auch samstags. Leserinnen und Leser "
        "können dann von zehn bis sechzehn Uhr Bücher ausleihen und zurückgeben.",
    )
    assert similarity(one.signature, other.signature) < 0.2
    assert len(one.buckets) == BANDS


def test_signatures_stay_those_of_datasketchs_affine32_minhash():
    """Stored signatures must keep comparing with new ones: Melder computes the scheme itself,
    and its values are the library's, shingle for shingle, for the same seed."""
    import zlib

    import numpy as np
    from datasketch import MinHash

    from pipeline.normalize.fingerprint import _WORD, PERMUTATIONS, SEED, SHINGLE

    for title, text in [("Neue Radwege", BODY), ("Kurz", "zwei Wörter"), ("", "")]:
        words = _WORD.findall(f"{title}\n{text}".casefold())
        shingles = [" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - 3, 1))]
        library = MinHash(num_perm=PERMUTATIONS, seed=SEED, hashfunc=zlib.crc32, scheme="affine32")
        library.update_batch([shingle.encode() for shingle in shingles if shingle])
        expected = library.hashvalues.astype(np.uint32).tobytes()
        assert fingerprint(title, text).signature == expected


def test_fingerprinting_does_not_import_scipy():
    """datasketch's package import pulls in scipy, a third of a second of every ingest."""
    import subprocess
    import sys

    code = (
        "import sys; from pipeline.normalize.fingerprint import fingerprint; "
        "fingerprint('a', 'b c d e'); print('scipy' in sys.modules, 'datasketch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr
