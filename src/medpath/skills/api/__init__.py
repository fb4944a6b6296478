"""JSON API of the soft-skills pillar, one module per area (``assessment``, ``feedback``, ``journal``, ``sharing``);
``router`` gathers them under one tag; ``medpath.api`` mounts it."""

from ninja import Router

from medpath.skills.api import assessment, feedback, journal, sharing

router = Router(tags=["soft skills"])
for part in (assessment, feedback, journal, sharing):  # the order of the schema's paths
    router.add_router("", part.router)

__all__ = ["router"]
