"""Desk users and API tokens: who may review, and which press office may submit.

Passwords are kept as argon2 hashes. A token is 256 random bits shown once when it is made;
the store keeps its SHA-256 digest only (a fast hash is enough for a secret that long).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.config import NAME_RE, Config
from pipeline.store import Store
from pipeline.store.tables import ApiTokenRow, DeskSessionRow, UserRow

ROLES = ("editor", "admin")
TOKEN_PREFIX = "mld_"
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verifying against this when a name is unknown keeps the answer time the same as for a
# known name, so login timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("melder-no-such-user")


class UserError(ValueError):
    """A user or token request that cannot be done; the message says why."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Token:
    id: int
    source: str
    hint: str
    label: str | None
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def add_user(store: Store, name: str, role: str, password: str, *, now: datetime) -> User:
    if not NAME_RE.match(name):
        raise UserError(f"user name {name!r}: use lower-case letters, digits, '-' and '_'")
    if role not in ROLES:
        raise UserError(f"role {role!r}: use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password needs at least {MIN_PASSWORD} characters")
    row = UserRow(name=name, role=role, password_hash=_hasher.hash(password), created_at=now)
    try:
        with Session(store.engine) as session, session.begin():
            session.add(row)
            session.flush()
            user = User(row.id, name, role)
    except IntegrityError:
        raise UserError(f"user {name!r} exists already") from None
    return user


def list_users(store: Store, *, with_disabled: bool = False) -> list[User]:
    with Session(store.engine) as session:
        query = select(UserRow).order_by(UserRow.name)
        if not with_disabled:
            query = query.where(UserRow.disabled_at.is_(None))
        return [
            User(row.id, row.name, row.role, row.disabled_at is not None)
            for row in session.scalars(query)
        ]


def change_user(
    store: Store,
    user_id: int,
    *,
    now: datetime,
    role: str | None = None,
    disabled: bool | None = None,
) -> User:
    """A new role, or disabled (every session ends) or enabled again. The last active admin
    can neither lose the role nor be disabled: someone must be able to undo a mistake."""
    if role is not None and role not in ROLES:
        raise UserError(f"role {role!r}: use one of {', '.join(ROLES)}")
    with Session(store.engine) as session, session.begin():
        row = session.get(UserRow, user_id)
        if row is None:
            raise UserError(f"no user with id {user_id}")
        losing_admin = row.role == "admin" and (role == "editor" or disabled)
        if losing_admin and row.disabled_at is None:
            admins = session.scalar(
                select(func.count())
                .select_from(UserRow)
                .where(UserRow.role == "admin", UserRow.disabled_at.is_(None))
            )
            if admins <= 1:
                raise UserError(f"{row.name} is the last active admin; make another admin first")
        if role is not None:
            row.role = role
        if disabled is not None:
            row.disabled_at = (row.disabled_at or now) if disabled else None
            if disabled:
                session.execute(delete(DeskSessionRow).where(DeskSessionRow.user_id == row.id))
        return User(row.id, row.name, row.role, row.disabled_at is not None)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when name and password match, else None (in the same time either way)."""
    with Session(store.engine) as session:
        row = session.scalar(
            select(UserRow).where(UserRow.name == name, UserRow.disabled_at.is_(None))
        )
        try:
            _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return User(row.id, row.name, row.role) if row else None


def user_by_id(store: Store, user_id: int) -> User | None:
    with Session(store.engine) as session:
        row = session.get(UserRow, user_id)
        if row is None or row.disabled_at is not None:
            return None
        return User(row.id, row.name, row.role)


def set_password(store: Store, name: str, password: str) -> User:
    """A new password for `name`; every session of that user ends."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password needs at least {MIN_PASSWORD} characters")
    with Session(store.engine) as session, session.begin():
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            raise UserError(f"no user {name!r}; see `melder user list`")
        row.password_hash = _hasher.hash(password)
        session.execute(delete(DeskSessionRow).where(DeskSessionRow.user_id == row.id))
        return User(row.id, row.name, row.role)


# --- desk sessions -----------------------------------------------------------------------------


def start_session(store: Store, user: User, *, now: datetime, lifetime: timedelta) -> str:
    """A new session for `user`; the returned secret goes into the cookie, never the store."""
    secret = secrets.token_urlsafe(32)
    with Session(store.engine) as session, session.begin():
        session.execute(delete(DeskSessionRow).where(DeskSessionRow.expires_at < now))
        session.add(
            DeskSessionRow(
                digest=_digest(secret), user_id=user.id, created_at=now, expires_at=now + lifetime
            )
        )
    return secret


def session_user(store: Store, secret: str | None, *, now: datetime) -> User | None:
    """The user of a live session, or None (unknown, ended, expired or user disabled)."""
    if not secret or not isinstance(secret, str):
        return None
    with Session(store.engine) as session:
        row = session.get(DeskSessionRow, _digest(secret))
        if row is None or row.expires_at <= now:
            return None
        user = session.get(UserRow, row.user_id)
        if user is None or user.disabled_at is not None:
            return None
        return User(user.id, user.name, user.role)


def end_session(store: Store, secret: str | None) -> None:
    if secret and isinstance(secret, str):
        with Session(store.engine) as session, session.begin():
            session.execute(delete(DeskSessionRow).where(DeskSessionRow.digest == _digest(secret)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    store: Store, config: Config, source: str, *, now: datetime, label: str | None = None
) -> tuple[Token, str]:
    """A new token for an `api` source; the secret is returned here and never again."""
    found = config.sources.get(source)
    if found is None:
        raise UserError(f"unknown source {source!r}; known: {', '.join(sorted(config.sources))}")
    if found.kind != "api":
        raise UserError(f"source {source!r} is of kind {found.kind!r}; tokens are for kind 'api'")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiTokenRow(
        source=source, digest=_digest(secret), hint=secret[:10], label=label, created_at=now
    )
    with Session(store.engine) as session, session.begin():
        session.add(row)
        session.flush()
        token = _token(row)
    return token, secret


def list_tokens(store: Store, source: str | None = None) -> list[Token]:
    with Session(store.engine) as session:
        query = select(ApiTokenRow).order_by(ApiTokenRow.id)
        if source:
            query = query.where(ApiTokenRow.source == source)
        return [_token(row) for row in session.scalars(query)]


def revoke_token(store: Store, token_id: int, *, now: datetime) -> Token:
    with Session(store.engine) as session, session.begin():
        row = session.get(ApiTokenRow, token_id)
        if row is None:
            raise UserError(f"no token with id {token_id}; see `melder token list`")
        row.revoked_at = row.revoked_at or now
        return _token(row)


def token_for(store: Store, secret: str, *, now: datetime) -> Token | None:
    """The live token matching `secret`, or None; marks it as used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with Session(store.engine) as session, session.begin():
        row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.digest == _digest(secret)))
        if row is None or row.revoked_at is not None:
            return None
        row.last_used_at = now
        return _token(row)


def _token(row: ApiTokenRow) -> Token:
    return Token(
        row.id, row.source, row.hint, row.label, row.created_at, row.revoked_at, row.last_used_at
    )
