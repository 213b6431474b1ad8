"""The offline guard itself: a page asking other hosts is recorded and blocked, and fails ``check``.

Without this, a broken recorder would let every other test pass while pages fetch from the internet.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><meta charset="utf-8">
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/font-awesome@4.7.0/css/font-awesome.min.css">
<img src="http://93.184.215.14/logo.png" alt="">"""


def test_requests_to_other_hosts_are_recorded_blocked_and_fail_the_test(tab: Tab) -> None:
    tab.page.set_content(PAGE, wait_until="load")
    outside = tab.offline.outside
    assert any("cdn.jsdelivr.net" in r for r in outside) and any("93.184.215.14" in r for r in outside), (
        outside
    )
    assert len(tab.offline.blocked) == 2, f"requests to other hosts must fail offline: {tab.offline.blocked}"
    with pytest.raises(AssertionError, match="cdn.jsdelivr.net"):
        tab.offline.check()
    outside.clear()  # the page was ours; the fixture's own check must pass
