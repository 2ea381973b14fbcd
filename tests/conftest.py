import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitetools import ROOT, copy_project, launch, mkdocs_build  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test session into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
