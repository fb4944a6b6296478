"""Date formats of MedPath's pages (settings.FORMAT_MODULE_PATH): the house style of medpath.wording."""
