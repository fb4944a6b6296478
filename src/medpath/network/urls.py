"""Pages of the network pillar; each area's module lists its own routes."""

from medpath.network.views import contacts, events, memberships

app_name = "network"

urlpatterns = [*contacts.urlpatterns, *events.urlpatterns, *memberships.urlpatterns]
