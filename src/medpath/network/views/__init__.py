"""Pages of the network pillar, one module per area: contacts, follow-up rules and vCards (``contacts``), events
(``events``), memberships (``memberships``). Each lists its routes in ``urlpatterns``."""
