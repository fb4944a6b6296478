from django.urls import path

from medpath.plans import views

app_name = "plans"

urlpatterns = [
    path("careers/", views.career_list, name="career_list"),
    path("careers/compare/", views.career_compare, name="career_compare"),
    path("careers/mine/", views.custom_careers, name="custom_careers"),
    path("careers/mine/<int:pk>/delete/", views.custom_career_delete, name="custom_career_delete"),
    path("careers/<slug:career_id>/", views.career_detail, name="career_detail"),
    path("plan/", views.roadmap, name="roadmap"),
    path("plan/target/", views.target, name="target"),
    path("plan/stage-dates/", views.stage_dates, name="stage_dates"),
    path("plan/milestones/<slug:stage_id>/", views.milestone, name="milestone"),
    path("plan/calendar/", views.calendar_link, name="calendar_link"),
    path("plan/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
