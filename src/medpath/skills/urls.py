"""Pages of the soft-skills pillar; each area's module lists its own routes."""

from medpath.skills.views import _placeholders, assessment, feedback, journal, sharing

app_name = "skills"

urlpatterns = [
    *_placeholders.urlpatterns,  # stand-ins on this branch only: delete with the file
    *assessment.urlpatterns,
    *feedback.urlpatterns,
    *journal.urlpatterns,
    *sharing.urlpatterns,
]
