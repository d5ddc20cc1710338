"""Where the shipped packs, schemas and the cache live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """rules/ installed as the data package `checker.rules`, or the source checkout's rules/."""
    installed = PACKAGE_DIR / "rules"
    if (installed / "core.yaml").is_file():
        return installed
    return PACKAGE_DIR.parent / "rules"


def schema_path(name: str) -> Path:
    return PACKAGE_DIR / "schemas" / name


def cache_dir() -> Path:
    """Per-user cache for the prebuilt dictionary and compiled packs (FAZHI_CACHE_DIR wins)."""
    override = os.environ.get("FAZHI_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fazhi"
