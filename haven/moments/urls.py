from django.urls import path

from haven.moments.views import links, moments, pause, repair

app_name = "moments"

urlpatterns = [
    path("", moments.index, name="index"),
    path("new/", moments.new, name="new"),
    path("<int:pk>/", moments.detail, name="detail"),
    path("<int:pk>/edit/", moments.edit, name="edit"),
    path("<int:pk>/share/", moments.share, name="share"),
    path("<int:pk>/delete/", moments.delete, name="delete"),
    path("<int:pk>/link/", links.propose, name="link"),
    path("links/<int:pk>/answer/", links.answer, name="link_answer"),
    path("links/<int:pk>/undo/", links.undo, name="link_undo"),
    path("<int:pk>/repair/", repair.start, name="repair_start"),
    path("repairs/<int:pk>/", repair.detail, name="repair_detail"),
    path("repairs/<int:pk>/step/", repair.step, name="repair_step"),
    path("repairs/<int:pk>/share/", repair.share, name="repair_share"),
    path("pause/", pause.pause, name="pause"),
    path("pause/<int:pk>/", pause.detail, name="pause_detail"),
    path("pause/<int:pk>/done/", pause.done, name="pause_done"),
]
