"""Reads of a person's rank lists and the advisor's report on one; couples, read by either partner."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.catalog.match_schema import MatchFacts
from medpath.match.advisor import ProgramRow, Report, advise
from medpath.match.models import Couple, PairedEntry, RankedProgram, RankList


def rank_lists(user: User) -> list[RankList]:
    return list(RankList.objects.for_user(user))


def programs(user: User, rank_list: RankList) -> list[RankedProgram]:
    """The list's programs: the ranked ones in rank order, then those left off."""
    return list(RankedProgram.objects.for_user(user).filter(rank_list=rank_list).order_by("-ranked", "position", "id"))


def facts() -> MatchFacts:
    found = catalog().match_facts
    if found is None:
        raise RuntimeError("the catalog has no Match facts (catalog/data/match/*.yaml)")
    return found


def report(user: User, rank_list: RankList, rows: list[RankedProgram] | None = None) -> Report:
    """The advisor's checks of the list."""
    rows = programs(user, rank_list) if rows is None else rows
    return advise(
        facts(),
        [ProgramRow(name=p.name, specialty=p.specialty, city=p.city, ranked=p.ranked) for p in rows],
        rank_list.applicant_type,
    )


def couple_for(user: User, pk: int) -> Couple:
    """The couple ``pk`` if ``user`` is one of its partners, else 404 (another's couple looks like a missing one).

    The one read of couples: a couple belongs to two people, so it is found by either partner, not by owner alone.
    """
    if not user.is_authenticated:
        raise Http404("No couple matches the given query.")
    found: Couple | None = (
        Couple.all_owners.filter(Q(owner=user) | Q(partner=user), pk=pk).select_related("owner", "partner").first()
    )
    if found is None:
        raise Http404("No couple matches the given query.")
    return found


def couples(user: User) -> list[Couple]:
    """The couples the user is a partner of (invitations not yet accepted included)."""
    return list(Couple.all_owners.filter(Q(owner=user) | Q(partner=user)).select_related("owner", "partner"))


@dataclass(frozen=True)
class SideView:
    """One partner as the couple's page shows them: who, which list they share, its ranked programs."""

    name: str
    is_me: bool
    rank_list: RankList | None
    programs: list[RankedProgram]


def couple_sides(user: User, couple: Couple) -> tuple[SideView, SideView]:
    """(the owner's side, the partner's side): each partner's shared list and its ranked programs only."""

    def side(person: User | None, shared: RankList | None) -> SideView:
        rows: list[RankedProgram] = []
        if shared is not None:
            rows = list(RankedProgram.all_owners.filter(rank_list=shared, ranked=True).order_by("position", "id"))
        name = (person.full_name or person.email) if person is not None else "(not joined yet)"
        return SideView(name=name, is_me=person == user, rank_list=shared, programs=rows)

    return side(couple.owner, couple.owner_list), side(couple.partner, couple.partner_list)


def pairs(couple: Couple) -> list[PairedEntry]:
    """The couple's paired list in order, with both programs (read after ``couple_for`` let the user in)."""
    return list(
        PairedEntry.all_owners.filter(couple=couple).select_related("owner_program", "partner_program").order_by("position", "id")
    )
