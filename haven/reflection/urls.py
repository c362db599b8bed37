from django.urls import path

from haven.reflection.views import attachment, history, overview, spots

app_name = "reflection"
urlpatterns = [
    path("", overview.index, name="index"),
    path("map/", overview.map_page, name="map"),
    # How I attach
    path("attach/", attachment.attach, name="attach"),
    path("attach/<int:pk>/", attachment.answer, name="answer"),
    path("attach/<int:pk>/autosave/", attachment.answer_autosave, name="answer_autosave"),
    path("attach/<int:pk>/result/", attachment.result, name="result"),
    path("attach/<int:pk>/note/", attachment.result_note, name="result_note"),
    path("attach/<int:pk>/share/", attachment.result_share, name="result_share"),
    path("attach/<int:pk>/delete/", attachment.result_delete, name="result_delete"),
    # My history
    path("history/", history.history, name="history"),
    path("history/autosave/", history.history_autosave, name="history_autosave"),
    path("history/<int:pk>/share/", history.history_share, name="history_share"),
    # Sensitive spots
    path("spots/", spots.spot_list, name="spots"),
    path("spots/new/", spots.spot_new, name="spot_new"),
    path("spots/<int:pk>/", spots.spot_detail, name="spot_detail"),
    path("spots/<int:pk>/edit/", spots.spot_edit, name="spot_edit"),
    path("spots/<int:pk>/delete/", spots.spot_delete, name="spot_delete"),
    path("spots/<int:pk>/share/", spots.spot_share, name="spot_share"),
]
