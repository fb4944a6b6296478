"""Services of the network pillar, one module per area: contacts, follow-up rules, interactions and vCards
(``contacts``), a vCard file kept for an hour between preview and import (``held_vcards``), events and their
credits (``events``), memberships (``memberships``)."""
