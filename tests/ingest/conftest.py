import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ingest_helpers import RULES, ingest_text  # noqa: E402


@pytest.fixture(scope="session")
def rules():
    return RULES


@pytest.fixture
def ingest():
    return ingest_text
