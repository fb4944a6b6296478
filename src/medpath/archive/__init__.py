"""The full archive: everything a person keeps in MedPath, out as one zip and back in on another instance."""
