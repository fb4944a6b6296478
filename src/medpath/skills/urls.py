"""Pages of the soft-skills pillar; each area's module lists its own routes."""

from medpath.skills.views import _placeholders, assessment, feedback, journal, sharing

app_name = "skills"

urlpatterns = [
    *assessment.urlpatterns,
    *feedback.urlpatterns,
    *journal.urlpatterns,
    *sharing.urlpatterns,
    *_placeholders.urlpatterns,  # branch skills-assess only: delete on merge
]
