"""Adaptability and resilience: short private check-ins, their trend beside work hours, signals and support."""
