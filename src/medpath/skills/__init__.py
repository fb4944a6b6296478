"""Soft skills: competency frameworks, self-assessment, multi-source feedback, goals, reflections, mentor sharing."""
