"""Shared fixtures: the built package (HARDMAX_PYTHON_PATH from ctest) and the hardmax executable."""
import os
import pathlib
import sys

if os.environ.get("HARDMAX_PYTHON_PATH"):
    sys.path.insert(0, os.environ["HARDMAX_PYTHON_PATH"])

import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2]
CONFIGS = sorted((SOURCE / "data" / "configs").glob("figure2-*.json"))


@pytest.fixture(scope="session")
def hardmax_exe():
    exe = os.environ.get("HARDMAX_EXE")
    if not exe:
        pytest.skip("HARDMAX_EXE is not set (ctest sets it)")
    return exe
