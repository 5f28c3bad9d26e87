"""Tar archives (``.tar``, ``.tar.gz``): every member is read as an input of its own.

The archive is streamed (``tarfile`` stream mode, no seeking), so a corpus shipped as one
big tarball is read with flat memory. A member's format is detected from its content like
any file's; ``origin`` is ``archive#member/path``. A bad member is rejected and the rest of
the archive is still read; a cut archive ends with a ``truncated`` rejection.
"""

from __future__ import annotations

import tarfile
import zlib
from collections.abc import Iterator
from typing import IO

from marsad.errors import RejectedInput
from marsad.ingest.readers import ReadResult, dispatch, register_reader
from marsad.model import Rejection


@register_reader("tar")
def read_tar(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")  # noqa: SIM115 (closed below)
    except tarfile.TarError as exc:
        raise RejectedInput(origin, "malformed", f"not a readable tar archive: {exc}") from exc
    with archive:
        try:
            for member in archive:
                if not member.isfile() or _hidden(member.name):
                    continue
                yield from _read_member(archive, member, f"{origin}#{member.name}")
        except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
            yield Rejection(origin, "truncated", f"archive ends mid-member: {exc}")


def _read_member(
    archive: tarfile.TarFile, member: tarfile.TarInfo, where: str
) -> Iterator[ReadResult]:
    if member.size == 0:
        yield Rejection(where, "empty", "0 bytes")
        return
    handle = archive.extractfile(member)
    if handle is None:
        return
    try:
        yield from dispatch(handle, where, "auto", member.size)
    except RejectedInput as exc:
        yield Rejection(exc.origin, exc.reason, exc.detail)
    except (EOFError, zlib.error) as exc:
        yield Rejection(where, "truncated", str(exc))


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/") if part not in ("", "."))
