"""Records the portfolio keeps itself: publications, awards, and the person's CV choices."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]
YEARS = [MinValueValidator(1900), MaxValueValidator(2100)]


class PublicationKind(models.TextChoices):
    """What sort of scholarly work a publication is."""

    JOURNAL_ARTICLE = "journal_article", "Journal article"
    ABSTRACT = "abstract", "Abstract"
    BOOK_CHAPTER = "book_chapter", "Book chapter"
    POSTER = "poster", "Poster"
    ORAL_PRESENTATION = "oral_presentation", "Oral presentation"
    OTHER = "other", "Other"


class Publication(OwnedModel):
    """A publication, abstract, poster or talk the person was an author of."""

    kind = models.CharField(max_length=24, choices=PublicationKind.choices, default=PublicationKind.JOURNAL_ARTICLE)
    title = models.CharField(max_length=300, validators=TEXT)
    authors = models.CharField(max_length=1000, blank=True, validators=TEXT, help_text="As cited, e.g. Rivera A, Park E")
    venue = models.CharField(max_length=300, blank=True, validators=TEXT, help_text="Journal, book or meeting")
    year = models.PositiveSmallIntegerField(validators=YEARS)
    published_on = models.DateField(null=True, blank=True, help_text="The exact day, when known (its year is the year)")
    doi = models.CharField(max_length=200, blank=True, validators=TEXT)
    url = models.URLField(max_length=500, blank=True)
    abstract = models.TextField(max_length=5000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "-published_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=1900, year__lte=2100), name="portfolio_publication_year_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Award(OwnedModel):
    """An award, honour or scholarship."""

    title = models.CharField(max_length=300, validators=TEXT)
    awarder = models.CharField(max_length=300, blank=True, validators=TEXT)
    awarded_on = models.DateField()
    summary = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CvChoice(OwnedModel):
    """The CV sections a person chose, in their order, and when a CV was last generated."""

    sections = models.JSONField(default=list, help_text="Section ids in the order chosen")
    generated_at = models.DateTimeField(null=True, blank=True)
    generated_format = models.CharField(max_length=8, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="portfolio_one_cv_choice_per_person")]
