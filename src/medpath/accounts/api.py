"""JSON API for the caller's own account."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from medpath.accounts import services
from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.accounts.schemas import MeOut, MeUpdate

router = Router(tags=["account"])


def _me(user: User) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        time_zone=user.time_zone,
        country=user.country,
        region=user.region,
        career_stage=user.career_stage,
        two_factor_enabled=user.two_factor_enabled,
    )


@router.get("/me", response=MeOut, summary="Your profile")
def me(request: HttpRequest) -> MeOut:
    """The authenticated user's profile."""
    return _me(signed_in_user(request))


@router.patch("/me", response=MeOut, summary="Change your profile")
def me_update(request: HttpRequest, payload: MeUpdate) -> MeOut:
    """Change profile fields; all are checked before anything is saved."""
    user = User.objects.get(pk=signed_in_user(request).pk)
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    if not changes:
        return _me(user)
    return _me(services.profile_update(user=user, request=request, **changes))
