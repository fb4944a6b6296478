from django.urls import path

from medpath.home import views

app_name = "home"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("actions/choice/", views.action_choice, name="action_choice"),
]
