"""A draft changed while it is being submitted (PostgreSQL, real threads)."""

import threading
import time

import pytest
from django.db import connection, transaction

from common.errors import DomainError
from showcase.enums import WorkKind, WorkState
from showcase.errors import WorkNotEditable
from showcase.models import Pledge, Work
from showcase.services.works import (
    create_work,
    delete_draft,
    submit_work,
    update_draft,
)
from tests.factories import UserFactory
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import png_upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return create_work(
        ShowcaseFactory(stage="collection"),
        actor=UserFactory(),
        upload=png_upload(),
        title="楼道里的灯",
        kind=WorkKind.PHOTOGRAPHY,
        direction="warm_service",
        authors="王五",
        description="说明",
        story="故事",
    )


def in_thread(call):
    outcome = {}

    def run():
        try:
            outcome["result"] = call()
        except DomainError as error:
            outcome["result"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize(
    "change",
    [
        lambda work: update_draft(work, actor=work.submitter, title="改名"),
        lambda work: delete_draft(work, actor=work.submitter),
    ],
    ids=["edit", "delete"],
)
def test_a_change_waiting_behind_a_submission_is_refused(draft, change):
    # The change read the work as a draft; the submission commits first.
    stale = Work.objects.select_related("showcase").get(pk=draft.pk)
    with transaction.atomic():
        Work.objects.select_for_update().get(pk=draft.pk)
        thread, outcome = in_thread(lambda: change(stale))
        time.sleep(0.3)
        Work.objects.filter(pk=draft.pk).update(state=WorkState.SUBMITTED)
    thread.join(timeout=10)

    assert isinstance(outcome["result"], WorkNotEditable)
    work = Work.objects.get(pk=draft.pk)
    assert (work.state, work.title) == (WorkState.SUBMITTED, "楼道里的灯")


def test_two_submissions_at_once_sign_one_pledge(draft):
    stale = Work.objects.select_related("showcase").get(pk=draft.pk)
    with transaction.atomic():
        Work.objects.select_for_update().get(pk=draft.pk)
        thread, outcome = in_thread(
            lambda: submit_work(stale, actor=stale.submitter, pledge_accepted=True)
        )
        time.sleep(0.3)
        submit_work(draft, actor=draft.submitter, pledge_accepted=True)
    thread.join(timeout=10)

    assert isinstance(outcome["result"], DomainError)
    assert Pledge.objects.count() == 1
