"""JSON API of the Match: rank lists with the advisor's checks, and simulating a match from an instance file."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from medpath.accounts.links import LinkError
from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import MAX_FILE_BYTES, ApiId
from medpath.catalog.loader import catalog
from medpath.match import selectors, services
from medpath.match.advisor import couple_rank_problems
from medpath.match.models import Couple, RankedProgram, RankList
from medpath.match.schemas import (
    MatchCoupleChangeIn,
    MatchCoupleDetailOut,
    MatchCoupleOut,
    MatchInviteIn,
    MatchInviteOut,
    MatchJoinIn,
    MatchListDetailOut,
    MatchListIn,
    MatchListOut,
    MatchOrderIn,
    MatchPairOut,
    MatchPairsIn,
    MatchProgramIn,
    MatchProgramOut,
    MatchSideOut,
    MatchSideProgramOut,
    MatchSimulationOut,
    report_out,
)
from medpath.scoping import get_owned

router = Router(tags=["match"])


def list_out(rank_list: RankList) -> MatchListOut:
    return MatchListOut(id=rank_list.pk, title=rank_list.title, season=rank_list.season, applicant_type=rank_list.applicant_type)


def program_out(program: RankedProgram) -> MatchProgramOut:
    return MatchProgramOut(
        id=program.pk,
        position=program.position if program.ranked else None,
        name=program.name,
        specialty=program.specialty,
        city=program.city,
        region=program.region,
        notes=program.notes,
        ranked=program.ranked,
    )


def list_detail_out(user: User, rank_list: RankList) -> MatchListDetailOut:
    """A list with its programs and the advisor's report (the API's and ``medpath match show --json``'s answer)."""
    rows = selectors.programs(user, rank_list)
    urls = {source_id: str(source.url) for source_id, source in catalog().sources.items()}
    return MatchListDetailOut(
        **list_out(rank_list).model_dump(),
        programs=[program_out(p) for p in rows],
        report=report_out(selectors.report(user, rank_list, rows), urls),
    )


@router.get("/match/lists", response=list[MatchListOut], summary="Your rank lists")
def lists(request: HttpRequest) -> list[MatchListOut]:
    """Your rank order lists, latest Match first."""
    return [list_out(rank_list) for rank_list in selectors.rank_lists(signed_in_user(request))]


@router.post("/match/lists", response={201: MatchListOut}, summary="Start a rank list")
def list_create(request: HttpRequest, payload: MatchListIn) -> Status[MatchListOut]:
    return Status(201, list_out(services.list_create(user=signed_in_user(request), **payload.model_dump())))


@router.get("/match/lists/{int:list_id}", response=MatchListDetailOut, summary="One rank list, with the advisor's checks")
def list_detail(request: HttpRequest, list_id: ApiId) -> MatchListDetailOut:
    """The programs in rank order (left-off ones last, position null) and the advisor's report: NRMP guidance
    quoted with its source, the list's contiguous ranks, published figures and what MedPath does not have."""
    user = signed_in_user(request)
    return list_detail_out(user, get_owned(RankList, user, pk=list_id))


@router.put("/match/lists/{int:list_id}", response=MatchListOut, summary="Change a rank list")
def list_update(request: HttpRequest, list_id: ApiId, payload: MatchListIn) -> MatchListOut:
    return list_out(services.list_update(user=signed_in_user(request), pk=list_id, **payload.model_dump()))


@router.delete("/match/lists/{int:list_id}", response={204: None}, summary="Delete a rank list")
def list_delete(request: HttpRequest, list_id: ApiId) -> Status[None]:
    services.list_delete(user=signed_in_user(request), pk=list_id)
    return Status(204, None)


@router.put("/match/lists/{int:list_id}/order", response=MatchListDetailOut, summary="Reorder a rank list")
def list_order(request: HttpRequest, list_id: ApiId, payload: MatchOrderIn) -> MatchListDetailOut:
    """Put the ranked programs in this order: every ranked program's id once, first choice first (422 otherwise)."""
    user = signed_in_user(request)
    rank_list = services.list_reorder(user=user, pk=list_id, order=payload.program_ids)
    return list_detail_out(user, rank_list)


@router.post("/match/lists/{int:list_id}/programs", response={201: MatchProgramOut}, summary="Add a program")
def program_add(request: HttpRequest, list_id: ApiId, payload: MatchProgramIn) -> Status[MatchProgramOut]:
    """Add a program at the end of the list (or, with ranked false, kept but left off)."""
    return Status(201, program_out(services.program_add(user=signed_in_user(request), list_id=list_id, **payload.model_dump())))


@router.put("/match/programs/{int:program_id}", response=MatchProgramOut, summary="Change a program")
def program_update(request: HttpRequest, program_id: ApiId, payload: MatchProgramIn) -> MatchProgramOut:
    """Replace a program's values; ranking a left-off program puts it last, leaving one off closes the gap."""
    return program_out(services.program_update(user=signed_in_user(request), pk=program_id, **payload.model_dump()))


@router.delete("/match/programs/{int:program_id}", response={204: None}, summary="Remove a program")
def program_delete(request: HttpRequest, program_id: ApiId) -> Status[None]:
    services.program_delete(user=signed_in_user(request), pk=program_id)
    return Status(204, None)


@router.post("/match/simulate", response=MatchSimulationOut, summary="Simulate a match")
def simulate(request: HttpRequest, instance: File[UploadedFile], seed: Form[int] = 0) -> MatchSimulationOut:
    """An instance file (JSON, docs/match.md; at most 10 MB) as multipart/form-data, matched with couples; nothing is
    stored. A bad instance is answered 422 naming every bad entry (``fields.instance``), and nothing is run."""
    from medpath.match.engine import answer, solve
    from medpath.match.instance import InstanceError, loads

    signed_in_user(request)
    if instance.size is not None and instance.size > MAX_FILE_BYTES:
        raise ValidationError({"instance": [f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."]})
    if not 0 <= seed < 2**31:
        raise ValidationError({"seed": ["A seed from 0 to 2147483647."]})
    try:
        parsed = loads(instance.read(MAX_FILE_BYTES + 1))
    except InstanceError as error:
        raise ValidationError({"instance": error.errors[:50]}) from None
    return MatchSimulationOut(**answer(parsed, solve(parsed, seed=seed)))


# --- couples -------------------------------------------------------------------------------------------------------


def couple_out(user: User, couple: Couple) -> MatchCoupleOut:
    first = couple.owner_id == user.pk
    other = couple.partner if first else couple.owner
    return MatchCoupleOut(
        id=couple.pk,
        role="first" if first else "second",
        partner=(other.full_name or other.email) if other is not None else None,
        joined=couple.partner_id is not None,
        policy=couple.policy,
        unmatched=couple.unmatched,
    )


def couple_detail_out(user: User, couple: Couple) -> MatchCoupleDetailOut:
    """A couple with both shared lists and its paired list (the API's and ``medpath match paired --json``'s answer)."""
    first, second = selectors.couple_sides(user, couple)
    rows = selectors.pairs(couple)

    def side(view: selectors.SideView) -> MatchSideOut:
        programs = [
            MatchSideProgramOut(id=p.pk, position=p.position, name=p.name, specialty=p.specialty, city=p.city, region=p.region)
            for p in view.programs
        ]
        title = view.rank_list.title if view.rank_list else None
        return MatchSideOut(name=view.name, is_me=view.is_me, list_title=title, programs=programs)

    problems = [item.message for item in couple_rank_problems(selectors.facts(), len(rows))]
    return MatchCoupleDetailOut(
        **couple_out(user, couple).model_dump(),
        first=side(first),
        second=side(second),
        pairs=[
            MatchPairOut(
                position=row.position,
                first_program_id=row.owner_program_id,
                second_program_id=row.partner_program_id,
                first=row.owner_program.name if row.owner_program else None,
                second=row.partner_program.name if row.partner_program else None,
            )
            for row in rows
        ],
        problems=problems,
    )


@router.get("/match/couples", response=list[MatchCoupleOut], summary="Your couples")
def couples(request: HttpRequest) -> list[MatchCoupleOut]:
    user = signed_in_user(request)
    return [couple_out(user, couple) for couple in selectors.couples(user)]


@router.post("/match/couples", response={201: MatchInviteOut}, summary="Invite a partner")
def couple_invite(request: HttpRequest, payload: MatchInviteIn) -> Status[MatchInviteOut]:
    """Start a couple sharing one of your lists; the answer holds the single-use invitation link (shown once)."""
    user = signed_in_user(request)
    couple, issued = services.couple_invite(user=user, list_id=payload.list_id, request=request)
    return Status(201, MatchInviteOut(**couple_out(user, couple).model_dump(), invite_url=issued.url))


@router.post("/match/couples/join", response=MatchCoupleDetailOut, summary="Join a couple")
def couple_join(request: HttpRequest, payload: MatchJoinIn) -> MatchCoupleDetailOut:
    """Accept an invitation (its token, the link's last part) sharing one of your lists; 410 when the link no longer
    opens."""
    user = signed_in_user(request)
    try:
        couple = services.couple_join(user=user, token=payload.token, list_id=payload.list_id, request=request)
    except LinkError as error:
        if error.reason == "invalid":
            raise Http404(str(error)) from None
        raise HttpError(410, str(error)) from None
    return couple_detail_out(user, couple)


@router.get("/match/couples/{int:couple_id}", response=MatchCoupleDetailOut, summary="One couple and its paired list")
def couple_detail(request: HttpRequest, couple_id: ApiId) -> MatchCoupleDetailOut:
    user = signed_in_user(request)
    return couple_detail_out(user, selectors.couple_for(user, couple_id))


@router.put("/match/couples/{int:couple_id}", response=MatchCoupleDetailOut, summary="Change the couple's settings")
def couple_update(request: HttpRequest, couple_id: ApiId, payload: MatchCoupleChangeIn) -> MatchCoupleDetailOut:
    """The list you share (changing it empties the paired list) and how pairs are built."""
    user = signed_in_user(request)
    couple = services.couple_update(user=user, pk=couple_id, **payload.model_dump())
    return couple_detail_out(user, couple)


@router.post("/match/couples/{int:couple_id}/build", response=MatchCoupleDetailOut, summary="Build the paired list")
def couple_build(request: HttpRequest, couple_id: ApiId) -> MatchCoupleDetailOut:
    """Replace the paired list by the couple's policy (at most NRMP's 300 ranks)."""
    user = signed_in_user(request)
    services.couple_build(user=user, pk=couple_id)
    return couple_detail_out(user, selectors.couple_for(user, couple_id))


@router.put("/match/couples/{int:couple_id}/pairs", response=MatchCoupleDetailOut, summary="Replace the paired list")
def couple_pairs(request: HttpRequest, couple_id: ApiId, payload: MatchPairsIn) -> MatchCoupleDetailOut:
    """Edit and reorder in one: ``[[first partner's program id or null, second's or null], ...]``, first choice
    first; 422 naming every bad pair."""
    user = signed_in_user(request)
    couple = services.pairs_replace(user=user, pk=couple_id, pairs=list(payload.pairs))
    return couple_detail_out(user, couple)


@router.delete("/match/couples/{int:couple_id}", response={204: None}, summary="End the couple")
def couple_leave(request: HttpRequest, couple_id: ApiId) -> Status[None]:
    """Either partner deletes the couple and its paired list; each keeps their own lists."""
    services.couple_leave(user=signed_in_user(request), pk=couple_id)
    return Status(204, None)
