"""Docs move with the code: every setting and CLI command is documented."""

import re
from pathlib import Path

import typer.main

from medpath.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "medpath").rglob("*.py"):
        names.update(re.findall(r"MEDPATH_[A-Z_]+", path.read_text()))
    return names


def test_every_setting_is_in_the_readme() -> None:
    """Each MEDPATH_* variable the code reads appears in the README's configuration table."""
    variables = _variables_read_by_code()
    assert len(variables) > 10
    missing = sorted(name for name in variables if f"`{name}`" not in README)
    assert not missing, f"document these in README.md: {missing}"


def test_every_cli_command_and_option_is_in_the_readme() -> None:
    """Each `medpath` command, and each of its options, appears in the README."""
    group = typer.main.get_group(app)
    assert group.commands
    for name, command in group.commands.items():
        assert f"`medpath {name}" in README, f"command {name} is not in README.md"
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"option {option} of {name} is not in README.md"


def test_deploy_guide_covers_the_essentials() -> None:
    """The deployment guide names PostgreSQL, several servers, shared uploads, backups and one scheduler."""
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for topic in ("PostgreSQL", "several app servers", "Shared storage", "Backups", "One scheduler"):
        assert topic.lower() in guide.lower(), topic
