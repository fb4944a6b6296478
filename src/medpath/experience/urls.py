from django.urls import path

from medpath.experience import views

app_name = "experience"

urlpatterns = [
    path("experience/", views.overview, name="overview"),
    path("experience/entries/", views.entry_list, name="entries"),
    path("experience/entries/new/", views.entry_new, name="entry_new"),
    path("experience/entries/import/", views.entries_import, name="entries_import"),
    path("experience/entries/import/sample.csv", views.entries_import_sample, name="entries_import_sample"),
    path("experience/entries/<int:pk>/", views.entry_detail, name="entry"),
    path("experience/entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("experience/entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("experience/verifications/", views.verification_list, name="verifications"),
    path("experience/verifications/new/", views.verification_new, name="verification_new"),
    path("experience/verifications/<int:pk>/withdraw/", views.verification_withdraw, name="verification_withdraw"),
    path("experience/verify/<str:token>/", views.verify, name="verify"),
    path("experience/targets/", views.targets, name="targets"),
    path("experience/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("experience/procedures/", views.procedures, name="procedures"),
    path("experience/procedures/new/", views.procedure_new, name="procedure_new"),
    path("experience/procedures/<int:pk>/edit/", views.procedure_edit, name="procedure_edit"),
    path("experience/procedures/<int:pk>/delete/", views.procedure_delete, name="procedure_delete"),
    path("experience/procedures/targets/new/", views.procedure_target_new, name="procedure_target_new"),
    path("experience/procedures/targets/<int:pk>/delete/", views.procedure_target_delete, name="procedure_target_delete"),
    path("experience/hours/", views.hours, name="hours"),
    path("experience/hours/report/", views.hours_report, name="hours_report"),
    path("experience/hours/shifts/", views.shift_list, name="shifts"),
    path("experience/hours/shifts/<int:pk>/delete/", views.shift_delete, name="shift_delete"),
    path("experience/hours/settings/", views.hours_settings, name="hours_settings"),
    path("experience/hours/import/", views.hours_import, name="hours_import"),
    path("experience/hours/import/sample.csv", views.hours_import_sample, name="hours_import_sample"),
]
