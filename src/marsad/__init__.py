"""Marsad (مرصد): Arabic news monitoring."""

from __future__ import annotations

__version__ = "0.1.0"
