from django import forms

from haven.core.editing import RevisionFormMixin
from haven.journal.models import Reflection


class ReflectionForm(RevisionFormMixin, forms.ModelForm):
    """New reflections are always private; sharing is its own, explicit step."""

    class Meta:
        model = Reflection
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
