"""The apps depend one way (ARCHITECTURE.md); import-linter enforces it."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_the_import_layer_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=settings.BASE_DIR, capture_output=True,
        text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_smart_app_is_in_the_contract():
    """A new app must be placed in a layer, or the contract would not cover it."""
    import tomllib

    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    in_contract = {name.strip() for layer in layers for name in layer.split("|")}
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("smart.")}
    assert apps <= in_contract, apps - in_contract
