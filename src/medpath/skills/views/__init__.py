"""Pages of the soft-skills pillar, one module per area: frameworks and self-assessment (``assessment``),
multi-source feedback (``feedback``), goals and reflections (``journal``), mentor sharing (``sharing``).
Each module lists its routes in ``urlpatterns`` (gathered by ``medpath.skills.urls``)."""
