from django import forms

from interpretations.models import check_article_fits
from interpretations.parsing import ArticleError, ParsedArticle, parse_article

ARTICLE_MAX_LENGTH = 200_000


class ArticleImportForm(forms.Form):
    """An article pasted in the admin: parsed at the form boundary, saved only when valid."""

    source = forms.CharField(
        max_length=255,
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
