"""``medpath skills …``: the group every area's module adds its commands to."""

import typer

skills_app = typer.Typer(help="Soft skills: frameworks, self-assessment, feedback, goals and reflections.", no_args_is_help=True)
