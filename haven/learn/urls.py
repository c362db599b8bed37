from django.urls import path, register_converter

from haven.core.converters import OpaqueSlug
from haven.learn.views import guided, scripts
from haven.learn.views import path as learning_path


class ModuleSlug(OpaqueSlug):
    kind = "module"

    @staticmethod
    def slugs():
        from haven.learn import content

        return {module.slug for language in ("en", "nl") for module in content.path(language)}


class ScriptKey(OpaqueSlug):
    kind = "script"

    @staticmethod
    def slugs():
        from haven.learn import scripts as data

        return {script.key for script in data.scripts("en")}


class ExerciseKey(OpaqueSlug):
    kind = "exercise"

    @staticmethod
    def slugs():
        from haven.learn import guided as data

        return {exercise.key for exercise in data.exercises("en")}


# Topics stay out of URLs (and so out of the browser's history): see the converters.
register_converter(ModuleSlug, "module")
register_converter(ScriptKey, "script")
register_converter(ExerciseKey, "exercise")

app_name = "learn"

urlpatterns = [
    path("", learning_path.path, name="path"),
    path("sharing/", learning_path.sharing, name="sharing"),
    path("module/<module:slug>/", learning_path.module, name="module"),
    path("module/<module:slug>/done/", learning_path.done, name="done"),
    path("module/<module:slug>/reflection/", learning_path.reflection, name="reflection"),
    path("reflections/<int:pk>/", learning_path.reflection_detail, name="reflection_detail"),
    path("reflections/<int:pk>/share/", learning_path.reflection_share, name="reflection_share"),
    path("reflections/<int:pk>/delete/", learning_path.reflection_delete, name="reflection_delete"),
    path("exercises/", guided.exercises, name="exercises"),
    path("exercises/<exercise:key>/", guided.exercise, name="exercise"),
    path("scripts/", scripts.script_list, name="scripts"),
    path("scripts/<script:key>/", scripts.script, name="script"),
    path("scripts/<script:key>/print/", scripts.script_print, name="script_print"),
]
