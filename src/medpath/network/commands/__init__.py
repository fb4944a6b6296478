"""``medpath network …``: the group every area's module adds its commands to."""

import typer

network_app = typer.Typer(help="Network: contacts and mentors, follow-ups and vCards.", no_args_is_help=True)
