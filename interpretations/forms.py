from django import forms

from interpretations.article import ArticleError, ParsedArticle
from interpretations.models import check_article_fits, normalised_newlines
from interpretations.parsing import parse_article

ARTICLE_MAX_LENGTH = 200_000


class TextareaField(forms.CharField):
    """A textarea's text with the line breaks the library stores (LF, where browsers post
    CRLF), so a text whose line endings alone differ has not changed: the admin neither
    saves it again nor names it in the history."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalised_newlines(value) if isinstance(value, str) else value


class ArticleImportForm(forms.Form):
    """An article pasted in the admin: parsed at the form boundary, saved only when valid."""

    source = forms.CharField(
        label="File name",
        max_length=255,
        error_messages={"required": "Give the document a file name, e.g. chased-by-a-dog.txt."},
        help_text="A file name for the document, e.g. chased-by-a-dog.txt. "
        "Importing the same name again updates that interpretation.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        max_length=ARTICLE_MAX_LENGTH,
        strip=False,
    )

    article: ParsedArticle

    def clean_source(self) -> str:
        source = self.cleaned_data["source"].strip()
        if "/" in source or "\\" in source:
            raise forms.ValidationError("Give a plain file name, without folders.")
        if not any(character.isalnum() for character in source):
            raise forms.ValidationError("A file name needs at least one letter or digit.")
        return source

    def clean(self):
        cleaned = super().clean()
        if "source" in cleaned and "text" in cleaned:
            try:
                self.article = parse_article(cleaned["text"], source=cleaned["source"])
                check_article_fits(self.article)
            except ArticleError as error:
                raise forms.ValidationError(f"This article could not be read: {error}") from error
        return cleaned
