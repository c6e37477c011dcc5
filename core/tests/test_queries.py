"""Several reads in one round trip (core.queries): each read gives exactly what the queryset itself
gives, on PostgreSQL in one statement text, and a `Statement` binds new values into the statement it
compiled once."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.queries import Statement, fetch_together

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def world():
    permissions = list(Permission.objects.order_by("pk")[:6])
    groups = [Group.objects.create(name=f"กลุ่ม {i}") for i in range(3)]
    groups[0].permissions.add(*permissions[:4])
    groups[1].permissions.add(permissions[4])
    now = timezone.now().replace(microsecond=123456)
    for i in range(3):
        Session.objects.create(
            session_key=f"k{i}", session_data="ข้อมูล", expire_date=now + datetime.timedelta(i)
        )
    return {"permissions": permissions, "groups": groups, "now": now}


def _reads(world):
    ids = [p.pk for p in world["permissions"]]
    return [
        # an annotation asked before a field: the statement selects fields first, the rows must not
        Group.objects.annotate(n=Count("permissions")).order_by("pk").values_list("n", "name", "pk"),
        Permission.objects.filter(pk__in=ids).select_related(None).order_by("-pk"),  # model rows
        Session.objects.order_by("session_key").values_list("session_key", "expire_date"),  # aware datetimes
        Group.objects.filter(pk__in=[]).values_list("pk"),  # Django runs no statement for it
        Group.objects.annotate(n=Count("permissions")).filter(n__gt=0).order_by("pk"),  # model + annotation
    ]


def test_each_read_gives_what_the_queryset_gives(world):
    expected = [list(qs) for qs in _reads(world)]
    with CaptureQueriesContext(connection) as captured:
        got = fetch_together(*_reads(world))
    assert got[0] == expected[0] == [(4, "กลุ่ม 0", world["groups"][0].pk), (1, "กลุ่ม 1", world["groups"][1].pk),
                                     (0, "กลุ่ม 2", world["groups"][2].pk)]  # fmt: skip
    assert [(p.pk, p.codename, p.content_type_id) for p in got[1]] == [
        (p.pk, p.codename, p.content_type_id) for p in expected[1]
    ]
    assert all(isinstance(p, Permission) and not p._state.adding for p in got[1])
    assert got[2] == expected[2] and got[2][0][1] == world["now"] and got[2][0][1].tzinfo is not None
    assert got[3] == expected[3] == []
    assert [(g.pk, g.n) for g in got[4]] == [(g.pk, g.n) for g in expected[4]] == [
        (world["groups"][0].pk, 4), (world["groups"][1].pk, 1)]  # fmt: skip
    # one round trip on PostgreSQL (across a network); SQLite runs in the process, one statement each
    assert len(captured) == (1 if ON_POSTGRES else 4)


def test_a_statement_binds_new_values_into_the_one_it_compiled(world):
    by_ids = Statement(lambda group_id, ids: Permission.objects.filter(group=group_id, pk__in=ids)
                       .order_by("pk").values_list("pk", "codename"))  # fmt: skip
    first, second = world["groups"][:2]
    ids = [p.pk for p in world["permissions"]]
    for group, chosen in ((first, ids[:3]), (second, ids[:3]), (first, ids[1:4]), (second, ids), (first, [])):
        expected = list(Permission.objects.filter(group=group, pk__in=chosen).order_by("pk")
                        .values_list("pk", "codename"))  # fmt: skip
        (got,) = fetch_together(by_ids.bind(group.pk, chosen))
        assert got == expected
    assert expected == [] and len(fetch_together(by_ids.bind(first.pk, ids[:3]))[0]) == 3
    if ON_POSTGRES:
        # compiled once per number of ids: 3, 6 and none
        assert sorted(by_ids._kept, key=str) == sorted([(None, 3), (None, 6), (None, 0)], key=str)


def test_a_value_the_statement_cannot_bind_by_position_is_refused(world):
    if not ON_POSTGRES:
        pytest.skip("elsewhere the queryset is built for each call and nothing is bound")
    # the id becomes part of a text: its position among the parameters cannot be found
    by_name = Statement(lambda group_id: Group.objects.filter(name=f"กลุ่ม {group_id}").values_list("pk"))
    with pytest.raises(ValueError):
        by_name.bind(world["groups"][0].pk)


def test_reads_it_cannot_reproduce_are_refused(world):
    for qs in (
        Permission.objects.select_related("content_type"),
        Group.objects.values_list("pk", flat=True),
        Group.objects.values("pk"),
        Group.objects.only("name"),
        Group.objects.prefetch_related("permissions"),
        world["permissions"][0].content_type.permission_set.all(),  # rows know their content type
    ):
        with pytest.raises(ValueError):
            fetch_together(qs, Group.objects.values_list("pk"))
