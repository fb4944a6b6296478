"""Pages of the soft-skills pillar; each area's module lists its own routes."""

from medpath.skills.views import assessment, feedback, journal, sharing

app_name = "skills"

urlpatterns = [*assessment.urlpatterns, *feedback.urlpatterns, *journal.urlpatterns, *sharing.urlpatterns]
