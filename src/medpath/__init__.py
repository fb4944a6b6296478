"""MedPath: a career system for people in health care."""

__version__ = "0.1.0"
