"""Admins manage the desk's people: change a role, disable and enable, set a new password;
the last active admin can never be locked out."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from pipeline.store import users
from pipeline.web import Limits, create_app
from tests.web_support import (
    PASSWORD,
    csrf_of,
    login,
    make_root,
    open_store,
    seed_users,
    settings_for,
)


def test_role_disable_enable_and_password(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    app = create_app(root, settings_for(root), limits=Limits())
    with TestClient(app) as admin, TestClient(app) as erika:
        login(admin, name="admin")
        login(erika)
        store = app.state.web.store
        ids = {u.name: u.id for u in users.list_users(store)}
        page = admin.get("/desk/admin").text
        csrf = csrf_of(page)
        admin.post(f"/desk/admin/users/{ids['erika']}", data={"csrf": csrf, "role": "admin"})
        assert users.user_by_id(store, ids["erika"]).is_admin
        admin.post(f"/desk/admin/users/{ids['erika']}", data={"csrf": csrf, "state": "disabled"})
        assert users.user_by_id(store, ids["erika"]) is None
        assert erika.get("/desk/", follow_redirects=False).status_code == 303  # logged out
        assert "gesperrt" in admin.get("/desk/admin", headers={"Accept-Language": "de"}).text
        admin.post(f"/desk/admin/users/{ids['erika']}", data={"csrf": csrf, "state": "active"})
        new = "a much longer secret"
        admin.post(f"/desk/admin/users/{ids['erika']}", data={"csrf": csrf, "password": new})
        assert users.authenticate(store, "erika", new) is not None
        assert users.authenticate(store, "erika", PASSWORD) is None
        admin.post(f"/desk/admin/users/{ids['erika']}", data={"csrf": csrf, "role": "editor"})
        last = admin.post(
            f"/desk/admin/users/{ids['admin']}", data={"csrf": csrf, "state": "disabled"}
        )
        assert last.status_code == 422 and "last active admin" in last.text
        assert re.search(r"admin</td>", admin.get("/desk/admin").text)
