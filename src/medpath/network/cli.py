"""The network pillar's commands: ``medpath network …`` (contacts, follow-ups, vCard import and export), in
``medpath.network.commands``."""

from __future__ import annotations

import typer

from medpath.network.commands import network_app


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    from medpath.network.commands import contacts  # noqa: F401  (its commands join network_app)

    app.add_typer(network_app, name="network")
