"""Forms of the soft-skills pillar, one module per area."""
