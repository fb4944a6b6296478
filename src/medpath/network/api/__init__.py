"""JSON API of the network pillar, one module per area (``contacts``, ``events``, ``memberships``); ``router``
gathers them under one tag; ``medpath.api`` mounts it."""

from ninja import Router

from medpath.network.api import contacts, events, memberships

router = Router(tags=["network"])
for part in (contacts, events, memberships):  # the order of the schema's paths
    router.add_router("", part.router)

__all__ = ["router"]
