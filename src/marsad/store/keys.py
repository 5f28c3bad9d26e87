"""How names are keyed in the store, written and compared the same way everywhere."""

from __future__ import annotations

from marsad.analyse.ner.canonical import entity_key


def speaker_key(name: str) -> str:
    """A quotation's speaker as ``quotes.speaker_key`` stores it and ``--speaker`` compares
    it: folded as entity keys are, so that ترامب and ترمب, غالانت and غلنت are one key."""
    return entity_key(name)
