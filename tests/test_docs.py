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


def test_the_cli_reference_in_the_readme_is_generated_from_the_code() -> None:
    """Every command, sub-command, argument and option, with its help: the README's table is what
    scripts/cli_reference.py makes from the code (run it after changing a command)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = module.reference()
    assert generated in README, "README.md's CLI reference is stale: run .venv/bin/python scripts/cli_reference.py"
    for command in ("medpath ce read-certificate", "medpath requirements check", "medpath hours check", "--rules"):
        assert command in generated
