from django.urls import path

from haven.checkins.views import checkin, measure, progress, reminders

app_name = "checkins"

urlpatterns = [
    path("", checkin.today, name="today"),
    path("day/<int:pk>/", checkin.detail, name="detail"),
    path("day/<int:pk>/share/", checkin.share, name="share"),
    path("day/<int:pk>/delete/", checkin.delete, name="delete"),
    path("progress/", progress.progress_page, name="progress"),
    path("progress/check-ins.csv", progress.csv_download, name="csv"),
    path("monthly/", measure.measure, name="measure"),
    path("monthly/<int:pk>/delete/", measure.measure_delete, name="measure_delete"),
    path("reminders/", reminders.settings_page, name="reminders"),
    path("reminders/stop/", reminders.stop, name="reminders_stop"),
]
