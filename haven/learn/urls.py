from django.urls import path

from haven.learn.views import guided, scripts
from haven.learn.views import path as learning_path

app_name = "learn"

urlpatterns = [
    path("", learning_path.path, name="path"),
    path("sharing/", learning_path.sharing, name="sharing"),
    path("module/<slug:slug>/", learning_path.module, name="module"),
    path("module/<slug:slug>/done/", learning_path.done, name="done"),
    path("module/<slug:slug>/reflection/", learning_path.reflection, name="reflection"),
    path("reflections/<int:pk>/", learning_path.reflection_detail, name="reflection_detail"),
    path("reflections/<int:pk>/share/", learning_path.reflection_share, name="reflection_share"),
    path("reflections/<int:pk>/delete/", learning_path.reflection_delete, name="reflection_delete"),
    path("exercises/", guided.exercises, name="exercises"),
    path("exercises/<slug:key>/", guided.exercise, name="exercise"),
    path("scripts/", scripts.script_list, name="scripts"),
    path("scripts/<slug:key>/", scripts.script, name="script"),
    path("scripts/<slug:key>/print/", scripts.script_print, name="script_print"),
]
