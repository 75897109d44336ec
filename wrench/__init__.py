"""Wrench: work order management, the core of a CMMS."""

__version__ = "0.1.0"
