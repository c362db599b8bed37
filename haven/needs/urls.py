from django.urls import path

from haven.needs.views import answers, feltsense, needs

app_name = "needs"

urlpatterns = [
    path("", needs.overview, name="overview"),
    path("choose/", needs.choose, name="choose"),
    path("<int:pk>/", needs.detail, name="detail"),
    path("<int:pk>/sentence/", needs.sentence, name="sentence"),
    path("<int:pk>/move/", needs.move, name="move"),
    path("<int:pk>/share/", needs.share, name="share"),
    path("<int:pk>/delete/", needs.delete, name="delete"),
    path("<int:pk>/answer/", answers.answer, name="answer"),
    path("answers/<int:pk>/edit/", answers.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", answers.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/send/", answers.answer_send, name="answer_send"),
    path("body/", feltsense.overview, name="feltsense"),
    path("body/exercise/", feltsense.exercise, name="exercise"),
    path("body/notes/new/", feltsense.note_new, name="note_new"),
    path("body/notes/<int:pk>/", feltsense.note_detail, name="note_detail"),
    path("body/notes/<int:pk>/edit/", feltsense.note_edit, name="note_edit"),
    path("body/notes/<int:pk>/delete/", feltsense.note_delete, name="note_delete"),
    path("body/notes/<int:pk>/share/", feltsense.note_share, name="note_share"),
]
