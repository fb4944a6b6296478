"""The soft-skills pillar's commands: ``medpath skills …`` (frameworks, self-assessment, feedback, goals,
reflections), one module per area under ``medpath.skills.commands``."""

from __future__ import annotations

import typer

from medpath.skills.commands import skills_app


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    from medpath.skills.commands import assessment, feedback, journal  # noqa: F401  (their commands join skills_app)

    app.add_typer(skills_app, name="skills")
