"""The network pillar: contacts and mentors with follow-ups, events and the credits they gave, memberships."""
