from django.urls import path

from medpath.learning import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.overview, name="overview"),
    path("learning/credentials/new/", views.credential_new, name="credential_new"),
    path("learning/credentials/<int:pk>/", views.credential_detail, name="credential"),
    path("learning/credentials/<int:pk>/edit/", views.credential_edit, name="credential_edit"),
    path("learning/credentials/<int:pk>/delete/", views.credential_delete, name="credential_delete"),
    path("learning/credentials/<int:pk>/audit.pdf", views.packet_pdf, name="packet_pdf"),
    path("learning/credentials/<int:pk>/audit-packet.zip", views.packet_archive, name="packet_zip"),
    path("learning/activities/", views.activity_list, name="activities"),
    path("learning/activities/new/", views.activity_new, name="activity_new"),
    path("learning/activities/import/", views.activity_import, name="activity_import"),
    path("learning/activities/import/sample.csv", views.activity_import_sample, name="activity_import_sample"),
    path("learning/activities/<int:pk>/", views.activity_detail, name="activity"),
    path("learning/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("learning/activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("learning/certificates/<int:pk>/", views.certificate_file, name="certificate"),
    path("learning/rules/", views.rules, name="rules"),
    path("learning/reminders/", views.reminder_settings, name="reminder_settings"),
    path("learning/calendar/", views.calendar_link, name="calendar_link"),
    path("learning/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("learning/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
