"""Services of the soft-skills pillar, one module per area: frameworks and self-assessment (``assessment``),
feedback (``feedback``), goals and reflections (``journal``), mentor sharing (``sharing``)."""
