"""The desk's admin pages under `/desk/admin`: API tokens of `api` sources, and desk users."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response

from pipeline.store import users
from pipeline.web.desk import Page, admin, posted_admin
from pipeline.web.state import now

router = APIRouter(prefix="/desk/admin", include_in_schema=False)


@router.get("")
def admin_page(p: Page = Depends(admin)) -> Response:
    return _admin_response(p)


def _admin_response(p: Page, status: int = 200, **extra) -> Response:
    config = p.web.config()
    api_sources = sorted(name for name, source in config.sources.items() if source.kind == "api")
    return p.render(
        "admin.html",
        status,
        tokens=users.list_tokens(p.web.store),
        users_list=users.list_users(p.web.store, with_disabled=True),
        live_sources={name for name, source in config.sources.items() if source.kind == "api"},
        api_sources=api_sources,
        deliveries=p.web.store.deliveries(limit=50),
        secret=extra.get("secret"),
        error=extra.get("error"),
    )


@router.post("/tokens")
def create_token(p: Page = Depends(posted_admin)) -> Response:
    try:
        _token, secret = users.create_token(
            p.web.store,
            p.web.config(),
            p.field("source"),
            now=now(),
            label=p.field("label") or None,
        )
    except users.UserError as exc:
        return _admin_response(p, 422, error=str(exc))
    return _admin_response(p, secret=secret)


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: int, p: Page = Depends(posted_admin)) -> Response:
    try:
        users.revoke_token(p.web.store, token_id, now=now())
    except users.UserError as exc:
        return _admin_response(p, 404, error=str(exc))
    return RedirectResponse("/desk/admin", status_code=303)


@router.post("/users")
def add_user(p: Page = Depends(posted_admin)) -> Response:
    try:
        users.add_user(
            p.web.store, p.field("name"), p.field("role"), p.field("password"), now=now()
        )
    except users.UserError as exc:
        return _admin_response(p, 422, error=str(exc))
    return RedirectResponse("/desk/admin", status_code=303)


@router.post("/users/{user_id}")
def change_user(user_id: int, p: Page = Depends(posted_admin)) -> Response:
    """A role change, disabling or enabling, or a new password, one form per user."""
    try:
        if p.field("password"):
            found = {u.id: u for u in users.list_users(p.web.store, with_disabled=True)}
            if user_id not in found:
                raise users.UserError(f"no user with id {user_id}")
            users.set_password(p.web.store, found[user_id].name, p.field("password"))
        else:
            state = p.field("state")
            users.change_user(
                p.web.store,
                user_id,
                now=now(),
                role=p.field("role") or None,
                disabled={"disabled": True, "active": False}.get(state),
            )
    except users.UserError as exc:
        return _admin_response(p, 422, error=str(exc))
    return RedirectResponse("/desk/admin", status_code=303)
