from django.urls import path

from haven.cycle.views import ours, side

app_name = "cycle"
urlpatterns = [
    path("", side.index, name="index"),
    path("mine/", side.edit, name="edit"),
    path("mine/autosave/", side.autosave, name="autosave"),
    path("side/<int:pk>/", side.side_detail, name="side"),
    path("side/<int:pk>/share/", side.side_share, name="share"),
    path("side/<int:pk>/delete/", side.side_delete, name="delete"),
    path("ours/", ours.our_cycle, name="our"),
    path("ours/name/", ours.name, name="name"),
    path("past/", side.solo, name="solo"),
]
