"""Writes of rank lists: create, change and delete a list; add, edit, move, leave off and remove programs; put the
whole list in a new order. Ranked programs are always numbered 1, 2, 3… without gaps.

Couples: invite a partner with a signed link, join, choose the shared list and the pairing policy, build the
paired list, edit and reorder it, and leave. Either partner may do each; the couple's row is locked meanwhile."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from medpath.accounts.links import IssuedLink, LinkError, link_check, link_consume, link_issue
from medpath.accounts.models import SignedLink, User
from medpath.match import selectors
from medpath.match.links import COUPLE_INVITE, INVITE_LIFETIME
from medpath.match.models import MAX_NOTES, MAX_PROGRAMS, ApplicantType, Couple, PairedEntry, RankedProgram, RankList
from medpath.match.pairing import POLICIES, UNMATCHED, Choice, paired_list
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, one_at_a_time_per_user

MIN_SEASON, MAX_SEASON = 2000, 2100
MAX_PAIRS = 1000  # what MedPath keeps; the advisor says when a paired list is longer than NRMP takes (300)


def _list_fields(title: str, season: int, applicant_type: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not title.strip():
        problems["title"] = ["Give the list a title, e.g. 2027 Main Match."]
    elif len(title.strip()) > 200:
        problems["title"] = ["At most 200 characters."]
    if not MIN_SEASON <= season <= MAX_SEASON:
        problems["season"] = [f"A Match year between {MIN_SEASON} and {MAX_SEASON}."]
    if applicant_type not in ApplicantType.values:
        problems["applicant_type"] = ["Choose one of the applicant types."]
    return problems


def list_create(*, user: User, title: str, season: int, applicant_type: str = ApplicantType.OTHER) -> RankList:
    problems = _list_fields(title, season, applicant_type)
    if problems:
        raise ValidationError(problems)
    rank_list = RankList(owner=user, title=title.strip(), season=season, applicant_type=applicant_type)
    rank_list.save()
    return rank_list


def list_update(*, user: User, pk: int, title: str, season: int, applicant_type: str) -> RankList:
    rank_list = get_owned(RankList, user, pk=pk)
    problems = _list_fields(title, season, applicant_type)
    if problems:
        raise ValidationError(problems)
    rank_list.title, rank_list.season, rank_list.applicant_type = title.strip(), season, applicant_type
    rank_list.save(update_fields=["title", "season", "applicant_type", "updated_at"])
    return rank_list


def list_delete(*, user: User, pk: int) -> None:
    get_owned(RankList, user, pk=pk).delete()


def _program_fields(values: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    name = str(values.get("name", "")).strip()
    if not name:
        problems["name"] = ["Name the program, e.g. City General Hospital Internal Medicine."]
    elif len(name) > 200:
        problems["name"] = ["At most 200 characters."]
    for field, most in (("specialty", 100), ("city", 100), ("region", 100)):
        if len(str(values.get(field, "")).strip()) > most:
            problems[field] = [f"At most {most} characters."]
    if len(str(values.get("notes", ""))) > MAX_NOTES:
        problems["notes"] = [f"At most {MAX_NOTES} characters."]
    return problems


def _renumber(user: User, rank_list: RankList) -> None:
    """Number the ranked programs 1, 2, 3… in their order; left-off ones 0."""
    rows = RankedProgram.objects.for_user(user).filter(rank_list=rank_list).order_by("-ranked", "position", "id")
    position = 0
    for row in rows:
        wanted = 0
        if row.ranked:
            position += 1
            wanted = position
        if row.position != wanted:
            row.position = wanted
            row.save(update_fields=["position"])


@one_at_a_time_per_user
def program_add(
    *,
    user: User,
    list_id: int,
    name: str,
    specialty: str = "",
    city: str = "",
    region: str = "",
    notes: str = "",
    ranked: bool = True,
    privacy_confirmed: bool = False,
) -> RankedProgram:
    """Add a program at the end of the list (or kept but left off)."""
    rank_list = get_owned(RankList, user, pk=list_id)
    values = {"name": name, "specialty": specialty, "city": city, "region": region, "notes": notes}
    problems = _program_fields(values)
    if problems:
        raise ValidationError(problems)
    count = RankedProgram.objects.for_user(user).filter(rank_list=rank_list).count()
    if count >= MAX_PROGRAMS:
        raise ValidationError({"name": [f"A list holds at most {MAX_PROGRAMS} programs."]})
    guard_texts({"notes": notes}, confirmed=privacy_confirmed)
    last = RankedProgram.objects.for_user(user).filter(rank_list=rank_list, ranked=True).count()
    program = RankedProgram(
        owner=user,
        rank_list=rank_list,
        position=last + 1 if ranked else 0,
        name=name.strip(),
        specialty=specialty.strip(),
        city=city.strip(),
        region=region.strip(),
        notes=notes,
        ranked=ranked,
    )
    program.save()
    rank_list.save(update_fields=["updated_at"])
    return program


@one_at_a_time_per_user
def program_update(
    *,
    user: User,
    pk: int,
    name: str,
    specialty: str = "",
    city: str = "",
    region: str = "",
    notes: str = "",
    ranked: bool = True,
    privacy_confirmed: bool = False,
) -> RankedProgram:
    """Change a program; ranking a left-off program puts it at the end of the list, leaving one off closes the gap."""
    program = get_owned(RankedProgram, user, pk=pk)
    values = {"name": name, "specialty": specialty, "city": city, "region": region, "notes": notes}
    problems = _program_fields(values)
    if problems:
        raise ValidationError(problems)
    if notes != program.notes:
        guard_texts({"notes": notes}, confirmed=privacy_confirmed)
    was_ranked = program.ranked
    program.name, program.specialty, program.city, program.notes = name.strip(), specialty.strip(), city.strip(), notes
    program.region = region.strip()
    program.ranked = ranked
    if ranked and not was_ranked:
        program.position = RankedProgram.objects.for_user(user).filter(rank_list=program.rank_list, ranked=True).count() + 1
    program.save()
    _renumber(user, program.rank_list)
    program.refresh_from_db()
    return program


@one_at_a_time_per_user
def program_move(*, user: User, pk: int, up: bool) -> RankedProgram:
    """Move a ranked program one place up or down."""
    program = get_owned(RankedProgram, user, pk=pk)
    if not program.ranked:
        raise ValidationError({"ranked": ["This program is left off the list: rank it first."]})
    ranked = list(
        RankedProgram.objects.for_user(user).filter(rank_list=program.rank_list, ranked=True).order_by("position", "id")
    )
    index = next(i for i, other in enumerate(ranked) if other.pk == program.pk)
    swap = index - 1 if up else index + 1
    if 0 <= swap < len(ranked):
        ranked[index], ranked[swap] = ranked[swap], ranked[index]
        for position, other in enumerate(ranked, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
    program.refresh_from_db()
    return program


@one_at_a_time_per_user
def list_reorder(*, user: User, pk: int, order: list[int]) -> RankList:
    """Put the list's ranked programs in this order (their ids, first choice first; every ranked program once)."""
    rank_list = get_owned(RankList, user, pk=pk)
    ranked = {p.pk: p for p in RankedProgram.objects.for_user(user).filter(rank_list=rank_list, ranked=True)}
    if len(order) != len(set(order)):
        raise ValidationError({"order": ["A program appears twice in the new order."]})
    if set(order) != set(ranked):
        unknown = sorted(set(order) - set(ranked))
        absent = sorted(set(ranked) - set(order))
        parts = []
        if unknown:
            parts.append(f"not ranked programs of this list: {', '.join(map(str, unknown))}")
        if absent:
            parts.append(f"missing from the new order: {', '.join(map(str, absent))}")
        raise ValidationError({"order": ["Give every ranked program of the list once (" + "; ".join(parts) + ")."]})
    for position, program_id in enumerate(order, start=1):
        program = ranked[program_id]
        if program.position != position:
            program.position = position
            program.save(update_fields=["position"])
    rank_list.save(update_fields=["updated_at"])
    return rank_list


@one_at_a_time_per_user
def program_delete(*, user: User, pk: int) -> None:
    program = get_owned(RankedProgram, user, pk=pk)
    rank_list = program.rank_list
    program.delete()
    _renumber(user, rank_list)


# --- couples -------------------------------------------------------------------------------------------------------


def _locked_couple(user: User, pk: int) -> Couple:
    """The couple, if ``user`` is a partner (else 404), locked for the rest of the transaction: the two partners may
    edit at the same moment."""
    couple = selectors.couple_for(user, pk)
    locked: Couple = Couple.all_owners.select_for_update().get(pk=couple.pk)
    return locked


def _locked(pk: int) -> Couple:
    locked: Couple = Couple.all_owners.select_for_update().get(pk=pk)
    return locked


def _shared_list(user: User, list_id: int) -> RankList:
    return get_owned(RankList, user, pk=list_id)


@transaction.atomic
def couple_invite(*, user: User, list_id: int, request: HttpRequest | None = None) -> tuple[Couple, IssuedLink]:
    """Start a couple sharing one of ``user``'s lists, and the single-use link that invites the partner."""
    rank_list = _shared_list(user, list_id)
    couple = Couple(owner=user, owner_list=rank_list)
    couple.save()
    issued = link_issue(
        owner=user,
        purpose=COUPLE_INVITE.name,
        lifetime=INVITE_LIFETIME,
        subject=str(couple.pk),
        label=f"Couple invitation ({rank_list.title})",
        single_use=True,
        request=request,
    )
    couple.invite_link = issued.link
    couple.save(update_fields=["invite_link"])
    return couple, issued


def invitation(*, token: str, request: HttpRequest | None = None) -> Couple:
    """The couple an invitation link opens, without using the link; LinkError when it does not open."""
    link = link_check(token=token, purpose=COUPLE_INVITE.name, request=request)
    couple: Couple | None = (
        Couple.all_owners.select_related("owner", "owner_list").filter(pk=int(link.subject or 0), invite_link=link).first()
    )
    if couple is None or couple.partner_id is not None:
        raise LinkError("used")
    return couple


@transaction.atomic
def couple_join(*, user: User, token: str, list_id: int, request: HttpRequest | None = None) -> Couple:
    """Accept an invitation: ``user`` becomes the partner and shares one of their lists. The link is used up."""
    couple = invitation(token=token, request=request)
    if couple.owner_id == user.pk:
        raise ValidationError({"token": ["This is your own invitation: send the link to your partner."]})
    rank_list = _shared_list(user, list_id)
    link_consume(token=token, purpose=COUPLE_INVITE.name, request=request)
    couple = _locked(couple.pk)
    if couple.partner_id is not None:
        raise LinkError("used")
    couple.partner, couple.partner_list, couple.joined_at = user, rank_list, timezone.now()
    couple.save(update_fields=["partner", "partner_list", "joined_at"])
    return couple


def _check_settings(policy: str, unmatched: str) -> None:
    problems = {}
    if policy not in POLICIES:
        problems["policy"] = [f"Choose one of: {', '.join(POLICIES)}."]
    if unmatched not in UNMATCHED:
        problems["unmatched"] = [f"Choose one of: {', '.join(UNMATCHED)}."]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def couple_update(*, user: User, pk: int, list_id: int | None = None, policy: str, unmatched: str) -> Couple:
    """Change the list ``user`` shares (the paired list is then emptied: it named the old list's programs) and the
    couple's pairing policy."""
    couple = _locked_couple(user, pk)
    _check_settings(policy, unmatched)
    fields = ["policy", "unmatched"]
    couple.policy, couple.unmatched = policy, unmatched
    if list_id is not None:
        rank_list = _shared_list(user, list_id)
        mine = "owner_list" if couple.owner_id == user.pk else "partner_list"
        if getattr(couple, f"{mine}_id") != rank_list.pk:
            setattr(couple, mine, rank_list)
            fields.append(mine)
            PairedEntry.all_owners.filter(couple=couple).delete()
    couple.save(update_fields=fields)
    return couple


def _choices(couple: Couple) -> tuple[list[Choice], list[Choice]]:
    def of(shared: RankList | None) -> list[Choice]:
        if shared is None:
            return []
        rows = RankedProgram.all_owners.filter(rank_list=shared, ranked=True).order_by("position", "id")
        return [Choice(id=p.pk, rank=p.position, city=p.city, region=p.region) for p in rows]

    return of(couple.owner_list), of(couple.partner_list)


def _replace_pairs(couple: Couple, rows: list[tuple[int | None, int | None]]) -> None:
    PairedEntry.all_owners.filter(couple=couple).delete()
    PairedEntry.all_owners.bulk_create(
        PairedEntry(owner=couple.owner, couple=couple, position=position, owner_program_id=first, partner_program_id=second)
        for position, (first, second) in enumerate(rows, start=1)
    )


@transaction.atomic
def couple_build(*, user: User, pk: int) -> tuple[int, int]:
    """Replace the paired list by the couple's policy: (pairs made, pairs cut at NRMP's limit)."""
    couple = _locked_couple(user, pk)
    if couple.partner_id is None:
        raise ValidationError({"couple": ["Your partner has not joined yet: send them the invitation link."]})
    first, second = _choices(couple)
    if not first or not second:
        raise ValidationError({"couple": ["Both shared lists need at least one ranked program."]})
    limit = selectors.facts().couple_max_ranks.value
    rows, cut = paired_list(first, second, policy=couple.policy, unmatched=couple.unmatched, limit=limit)  # type: ignore[arg-type]
    _replace_pairs(couple, rows)
    return len(rows), cut


def _valid_ids(couple: Couple) -> tuple[set[int], set[int]]:
    def of(shared: RankList | None) -> set[int]:
        return set(RankedProgram.all_owners.filter(rank_list=shared).values_list("pk", flat=True)) if shared else set()

    return of(couple.owner_list), of(couple.partner_list)


@transaction.atomic
def pairs_replace(*, user: User, pk: int, pairs: list[tuple[int | None, int | None]]) -> Couple:
    """Replace the whole paired list (edit and reorder in one): each pair names a program of the first partner's
    shared list and one of the second's, or null for "unmatched"; every bad pair is named."""
    couple = _locked_couple(user, pk)
    first_ids, second_ids = _valid_ids(couple)
    problems: list[str] = []
    seen: dict[tuple[int | None, int | None], int] = {}
    for number, (first, second) in enumerate(pairs, start=1):
        if first is None and second is None:
            problems.append(f"Pair {number}: both unmatched needs no rank; leave it out.")
        if first is not None and first not in first_ids:
            problems.append(f"Pair {number}: program {first} is not on the first partner's shared list.")
        if second is not None and second not in second_ids:
            problems.append(f"Pair {number}: program {second} is not on the second partner's shared list.")
        if (first, second) in seen:
            problems.append(f"Pair {number}: the same pair as pair {seen[(first, second)]}.")
        seen.setdefault((first, second), number)
    if len(pairs) > MAX_PAIRS:
        problems.append(f"At most {MAX_PAIRS} pairs.")
    if problems:
        raise ValidationError({"pairs": problems})
    _replace_pairs(couple, pairs)
    return couple


def _pair(user: User, pair_pk: int) -> tuple[Couple, PairedEntry]:
    pair = PairedEntry.all_owners.filter(pk=pair_pk).first()
    if pair is None:
        raise Http404("No pair matches the given query.")
    couple = _locked_couple(user, pair.couple_id)
    return couple, pair


@transaction.atomic
def pair_move(*, user: User, pk: int, up: bool) -> Couple:
    couple, pair = _pair(user, pk)
    rows = selectors.pairs(couple)
    index = next(i for i, other in enumerate(rows) if other.pk == pair.pk)
    swap = index - 1 if up else index + 1
    if 0 <= swap < len(rows):
        rows[index], rows[swap] = rows[swap], rows[index]
        for position, other in enumerate(rows, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
    return couple


@transaction.atomic
def pair_delete(*, user: User, pk: int) -> Couple:
    couple, pair = _pair(user, pk)
    pair.delete()
    for position, other in enumerate(selectors.pairs(couple), start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    return couple


@transaction.atomic
def pair_add(*, user: User, pk: int, first: int | None, second: int | None) -> Couple:
    """Add a pair at the end of the paired list."""
    couple = _locked_couple(user, pk)
    current = [(p.owner_program_id, p.partner_program_id) for p in selectors.pairs(couple)]
    if first is None and second is None:
        raise ValidationError({"pairs": ["Choose a program for at least one partner."]})
    if (first, second) in current:
        raise ValidationError({"pairs": [f"This pair is already rank {current.index((first, second)) + 1}."]})
    return pairs_replace(user=user, pk=couple.pk, pairs=[*current, (first, second)])


@transaction.atomic
def couple_leave(*, user: User, pk: int) -> None:
    """Either partner ends the couple: the couple and its paired list go; each keeps their own lists."""
    couple = _locked_couple(user, pk)
    if couple.invite_link_id is not None:
        SignedLink.all_owners.filter(pk=couple.invite_link_id, revoked_at__isnull=True, used_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    couple.delete()
