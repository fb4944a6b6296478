"""Services of the network pillar, one module per area: contacts, follow-up rules, interactions and vCards
(``contacts``), events and their credits (``events``), memberships (``memberships``)."""
