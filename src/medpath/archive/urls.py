from django.urls import path

from medpath.archive import views

app_name = "archive"
urlpatterns = [
    path("archive/", views.archive_page, name="archive"),
    path("archive/download/", views.archive_download, name="download"),
]
