"""Give the C heap's free pages back to the system once a large catalog is built.

Loading a large catalog holds each file's packed events (`Document.packed`, 73 MB at 100,000
events) until the file is resolved. They are freed one by one while the model is built on top
of them, so the C allocator keeps the holes: free, but still resident (and so in the forked rule
runner's resident memory too). glibc's `malloc_trim` returns every whole free page inside the
heap. Elsewhere (another C library, another system) this does nothing.
"""

from __future__ import annotations

import sys


def give_back() -> None:
    """Return the C heap's free pages to the system where the C library can (glibc)."""
    if sys.platform != "linux":
        return
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc (musl has no malloc_trim)
        return
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
