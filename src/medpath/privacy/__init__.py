"""The privacy guard: likely patient identifiers in free text, pointed out before saving."""
