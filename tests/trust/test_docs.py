"""docs/deployment.md names every setting the code reads from the environment."""

import re
from pathlib import Path

from django.conf import settings


def test_deployment_doc_lists_every_environment_setting():
    source = (Path(settings.BASE_DIR) / "hongguanjia" / "settings.py").read_text()
    names = set(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_0-9]+)"', source))
    doc = (Path(settings.BASE_DIR) / "docs" / "deployment.md").read_text()

    assert names
    assert sorted(name for name in names if f"HGJ_{name}" not in doc) == []
    assert "DATABASE_URL" in doc
