"""The import form of the archive page."""

from __future__ import annotations

from django import forms


class ArchiveImportForm(forms.Form):
    """A zip made by MedPath's export."""

    archive = forms.FileField(label="Archive (.zip)", help_text="A full archive exported from MedPath.")
