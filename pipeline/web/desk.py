"""The review desk under `/desk`: log in, the queue, a release's page, and every decision.

Each action calls the same function in `pipeline.review` that the CLI calls; the routes only
check who asks (session, role, CSRF token), parse the form and show the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from babel.dates import format_date, format_time
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from pipeline import review
from pipeline.errors import NotFound
from pipeline.models import State
from pipeline.store import users
from pipeline.web import compare, pages
from pipeline.web.i18n import DESK_ZONE, LANGUAGES, Words, choose_language
from pipeline.web.limits import SMALL_FORM, body_cap
from pipeline.web.security import SESSION_SECONDS, csrf_ok, new_csrf
from pipeline.web.state import WebState, now

router = APIRouter(prefix="/desk", include_in_schema=False)
SESSION_LIFETIME = timedelta(seconds=SESSION_SECONDS)
LANG_COOKIE = "melder_lang"
CONFLICT_KEY = "conflict"  # a refused decision's message, shown once on the release's page


class LoginRequired(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, message_key: str = "forbidden"):
        self.message_key = message_key


@dataclass
class Page:
    """One desk request: who asks, in which language, and how to answer."""

    request: Request
    web: WebState
    session: dict
    user: users.User | None
    words: Words
    form: FormData | None = None

    @property
    def csrf(self) -> str:
        if "csrf" not in self.session:
            self.session = {**self.session, "csrf": new_csrf()}
        return self.session["csrf"]

    def render(self, template: str, status: int = 200, **context) -> HTMLResponse:
        context.update(page=self, t=self.words, user=self.user, csrf=self.csrf)
        response = self.web.templates.TemplateResponse(
            self.request, template, context, status_code=status
        )
        response.headers["cache-control"] = "no-store"
        self.web.sessions.save(response, self.session)
        return response

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else ""


def page(request: Request) -> Page:
    web: WebState = request.app.state.web
    session = web.sessions.load(request)
    user = users.session_user(web.store, session.get("sid"), now=now())
    language = choose_language(
        request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )
    return Page(request, web, session, user, Words(language))


def editor(p: Page = Depends(page)) -> Page:
    if p.user is None:
        raise LoginRequired()
    return p


def admin(p: Page = Depends(editor)) -> Page:
    if not p.user.is_admin:
        raise Forbidden()
    return p


async def _checked_form(p: Page) -> Page:
    # BodyLimits has already refused anything but a URL-encoded form within the route's cap;
    # one field (an edited body) may fill that cap.
    cap = body_cap("POST", p.request.url.path, p.web.max_body) or SMALL_FORM
    p.form = await p.request.form(max_files=0, max_fields=200, max_part_size=cap)
    if not csrf_ok(p.session, p.field("csrf")):
        raise Forbidden("csrf")
    return p


async def posted_anonymous(p: Page = Depends(page)) -> Page:
    """A form anyone may send (the login form), still carrying the CSRF token of its page."""
    return await _checked_form(p)


async def posted(p: Page = Depends(editor)) -> Page:
    """An editor's form: logged in and carrying this session's CSRF token."""
    return await _checked_form(p)


async def posted_admin(p: Page = Depends(admin)) -> Page:
    return await _checked_form(p)


def install(app: FastAPI) -> None:
    """Answers for the desk's own exceptions: to the login page, or a clear refusal."""

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        if request.method in ("GET", "HEAD"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/desk/login?next={_quote(target)}", status_code=303)
        # a form sent after the session ended: the login page, with what was typed kept
        p = page(request)
        try:
            form = await request.form(max_files=0, max_fields=200)
        except Exception:  # a body the desk would refuse anyway: nothing to keep
            form = {}
        kept = [
            (_label(p.words, name), value)
            for name, value in form.items()
            if isinstance(value, str) and value.strip() and name not in NOT_TYPED
            and not name.startswith(NOT_TYPED_PREFIXES)
        ]  # fmt: skip
        referer = request.headers.get("referer", "")
        back = _next(referer.partition(request.url.netloc)[2] if referer else "", "/desk/")
        return p.render("login.html", 401, next=back, failed=p.words("session_expired"), kept=kept)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        p = page(request)
        return p.render(
            "message.html", 403, title=p.words("error"), message=p.words(exc.message_key)
        )


FIELD_WORDS = {"body": "body_markdown", "text": "body", "at": "approve_at"}
NOT_TYPED = frozenset(
    {"csrf", "version", "next", "password", "ids", "action", "confirmed", "only", "focus", "batch"}
    | {"into", "again", "lead", "media_count", "state"}
)
# the edit form's copy of the texts as it showed them ("base-title"), and per-item bookkeeping
NOT_TYPED_PREFIXES = ("base-", "version-", "media-")


def _label(words: Words, name: str) -> str:
    """A kept field under the label its form gave it."""
    if name == "embargo":
        return words("embargo_field", zone=DESK_ZONE.key)
    return words(FIELD_WORDS.get(name, name))


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def _next(value: str, default: str = "/desk/") -> str:
    """Only paths inside the desk: a crafted link cannot send an editor elsewhere."""
    if value.startswith("/desk") and not value.startswith("//") and "\\" not in value:
        return value
    return default


# --- login ---------------------------------------------------------------------------------


@router.get("/login")
def login_form(p: Page = Depends(page), next: str = "/desk/") -> Response:
    return p.render("login.html", next=_next(next), failed=None)


@router.post("/login")
def login(p: Page = Depends(posted_anonymous)) -> Response:
    """A plain function, so FastAPI runs it (and argon2) in its thread pool, not the loop."""
    name = p.field("name").strip()[:200]
    address = p.request.client.host if p.request.client else "?"
    pair, per_address, per_name = f"{name}\0{address}", f"ip:{address}", f"user:{name}"
    wait = max(
        p.web.login_limit.retry_after(pair),
        p.web.address_limit.retry_after(per_address),
        p.web.name_slowdown.retry_after(per_name),
    )
    if wait:
        response = p.render(
            "login.html", 429, next=_next(p.field("next")), failed=p.words("too_many", seconds=wait)
        )
        response.headers["retry-after"] = str(wait)
        return response
    user = users.authenticate(p.web.store, name, p.field("password"))
    if user is None:
        p.web.login_limit.hit(pair)
        p.web.address_limit.hit(per_address)
        p.web.name_slowdown.hit(per_name)
        return p.render(
            "login.html", 401, next=_next(p.field("next")), failed=p.words("login_failed")
        )
    p.web.login_limit.reset(pair)
    p.web.name_slowdown.reset(per_name)
    response = RedirectResponse(_next(p.field("next")), status_code=303)
    # A fresh session id and CSRF token at login: a token planted before cannot be reused.
    secret = users.start_session(p.web.store, user, now=now(), lifetime=SESSION_LIFETIME)
    p.web.sessions.save(response, {"sid": secret, "csrf": new_csrf()})
    return response


@router.post("/logout")
def logout(p: Page = Depends(posted)) -> Response:
    """Ends the session in the store: the old cookie is worthless from now on."""
    users.end_session(p.web.store, p.session.get("sid"))
    response = RedirectResponse("/desk/login", status_code=303)
    p.web.sessions.clear(response)
    return response


@router.get("/lang/{language}")
def switch_language(language: str, next: str = "/desk/") -> Response:
    response = RedirectResponse(_next(next), status_code=303)
    if language in LANGUAGES:
        response.set_cookie(LANG_COOKIE, language, max_age=365 * 86400, samesite="lax")
    return response


# --- the queue -----------------------------------------------------------------------------


@router.get("")
def queue_without_slash() -> Response:
    return RedirectResponse("/desk/", status_code=308)


@router.post("/publish")
def publish(p: Page = Depends(posted)) -> Response:
    report = p.web.publish()
    changed = sum(1 for count in report.channels.values() if count)
    done = f"done=published:{len(report.published)}:{changed}"
    back = _next(p.field("next"), "/desk/?state=published")
    return RedirectResponse(f"{back}{'&' if '?' in back else '?'}{done}", status_code=303)


# --- one release ---------------------------------------------------------------------------


def _view(p: Page, release_id: str):
    try:
        view = p.web.store.get(release_id)
    except NotFound:
        return None
    return view if view.release.id == release_id else None


@router.get("/releases/{release_id}")
def release_page(
    release_id: str,
    p: Page = Depends(editor),
    old: int | None = None,
    new: int | None = None,
    done: str = "",
) -> Response:
    conflict = p.session.get(CONFLICT_KEY)
    if conflict:
        p.session = {key: value for key, value in p.session.items() if key != CONFLICT_KEY}
        return _release_response(
            p, release_id, error=conflict, error_title=p.words("conflict"), old=old, new=new
        )
    return _release_response(p, release_id, old=old, new=new, done=done)


def _release_response(
    p: Page, release_id: str, *, status: int = 200, error: str | None = None, **options
) -> Response:
    view = _view(p, release_id)
    if view is None:
        return p.render("message.html", 404, title=p.words("error"), message=p.words("not_found"))
    config = p.web.config()
    new = min(max(options.get("new") or view.revision, 1), view.revision)
    old = min(max(options.get("old") or new - 1, 1), new)
    changes = None
    if new > 1 and old < new:
        changes = compare.word_diff(
            p.web.store.revision(release_id, old),
            p.web.store.revision(release_id, new),
            p.words("categories_label"),
        )
    twin = _view(p, view.duplicate_of) if view.duplicate_of else None
    goes_out = review.goes_out_at(view, now())
    waiting = p.web.store.search(
        state=State.QUEUED, limit=1, after=(view.created_at, view.release.id)
    )
    return p.render(
        "release.html",
        status,
        twin=twin,
        goes_out_at=goes_out,
        view=view,
        version=view.version,
        preview=pages.preview(config, view, p.web.store.public_name(release_id), now()),
        original=_original(p, view.release, config),
        changes=changes,
        old=old,
        new=new,
        zone=DESK_ZONE.key,
        scheduled=goes_out is not None and goes_out > now(),
        public_urls=pages.public_urls(config, view, p.web.store.public_name(release_id)),
        next_waiting=waiting[0].release if waiting else None,
        error=error,
        error_title=options.get("error_title"),
        notice=_release_notice(p.words, options.get("done", ""), goes_out, view),
    )


def _original(p: Page, release, config) -> compare.Original | None:
    found = pages.original_input(p.web.root, release, config)
    return compare.readable(*found, release) if found else None


def _release_notice(words: Words, done: str, goes_out, view) -> str | None:
    if (done.startswith("scheduled") or done == "approved") and goes_out is not None:
        if goes_out > now():
            return scheduled_notice(words, done, goes_out, view)
    if done == "still_invalid" and view.release.errors:
        problems = "; ".join(f"{p.field}: {p.message}" for p in view.release.errors)
        return words("saved_still_invalid", problems=problems)
    if done == "edited_skipped" and view.release.embargo_until is not None:
        saved = words("saved_revision", revision=view.revision)
        return (
            f"{saved} {skipped_notice(words, 'embargo_time_skipped', view.release.embargo_until)}"
        )
    if done in ("edited", "edited_skipped", "still_invalid"):
        return words("saved_revision", revision=view.revision)
    return _notice(words, done)


def scheduled_notice(words: Words, done: str, goes_out, view) -> str:
    """When a scheduled release goes out, and why that is not the time typed: an embargo that
    ends later, or a time the clocks jump over."""
    embargo, asked = view.release.embargo_until, view.publish_at
    if done == "scheduled_embargo" and embargo is not None:
        return words("embargo_after_your_time", embargo=words.date(embargo))
    if done == "scheduled_skipped" and asked is not None:
        return skipped_notice(words, "time_skipped", asked)
    return words("scheduled_notice", at=words.date(goes_out))


def skipped_notice(words: Words, key: str, moment) -> str:
    """A wall time the clocks jumped over, as typed, and the moment it was read as."""
    local = moment.astimezone(DESK_ZONE)
    jump = local.utcoffset() - (moment - timedelta(hours=3)).astimezone(DESK_ZONE).utcoffset()
    wall = local.replace(tzinfo=None) - jump  # the time as typed
    return words(
        key,
        time=format_time(wall, "short", locale=words.language).replace("\u202f", " "),
        day=format_date(wall, "medium", locale=words.language),
        at=words.day_and_time(moment)[1],
    )


def _notice(words: Words, done: str) -> str | None:
    """The line shown after a redirect; built from known words only, never echoed input."""
    if done.startswith("published:"):
        parts = (done.split(":") + ["0", "0"])[1:3]
        if all(part.isdigit() for part in parts):
            return words("published_count", count=parts[0], files=parts[1])
    if done == "unchanged":
        return words("unchanged")
    if done == "unapproved":
        return words("unapproved_notice")
    if done in {"approved", "rejected", "withdrawn", "edited", "reopened", "merged", "kept"}:
        return words("done", action=words.state(done) if done != "edited" else words("edit"))
    return None
