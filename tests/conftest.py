"""Shared fixtures: the real embedded gazetteer and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_62c23869d16e3724.txt"


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import load

    return load()


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from geomap.pipeline import Geoparser

    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
