"""Storing and removing a work's media files and its poster.

Files live on Django's storage, outside the database transaction: a file
stored inside a transaction that then fails is deleted again
(:func:`files_dropped_on_failure`), and a file whose row is deleted leaves
the storage only once the deletion has committed (:func:`delete_after_commit`),
so that a rolled-back deletion still finds its file.
"""

from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction

from common import audit
from showcase import media
from showcase.models import WorkMedia


def attach(work, uploaded, checked, *, actor, stored):
    """Store a checked file (``media.Checked``) as a media file of ``work``,
    and as its poster when it has none yet; each file stored is added to
    ``stored``. Audit entry ``showcase.work.add_media``."""
    item = WorkMedia(
        work=work,
        kind=checked.kind,
        size=checked.size,
        duration_seconds=checked.duration,
        codec=checked.codec,
    )
    # Named after the type the check found, so that it is served as that.
    item.file.save(f"media{checked.extension}", uploaded, save=False)
    stored.append(item.file)
    item.save()
    if checked.poster and not work.poster:
        work.poster.save("poster.jpg", ContentFile(checked.poster), save=False)
        stored.append(work.poster)
        work.save(update_fields=["poster"])
    audit.record(
        "showcase.work.add_media",
        work,
        actor=actor,
        after={"media": item.pk, "kind": item.kind, "codec": item.codec},
    )
    return item


def detach(item, *, actor):
    """Delete one media file of a work: its row now, its file after commit.
    Audit entry ``showcase.work.remove_media``."""
    audit.record(
        "showcase.work.remove_media",
        item.work,
        actor=actor,
        before={"media": item.pk, "kind": item.kind, "codec": item.codec},
    )
    delete_after_commit(item.file)
    item.delete()


def refresh_poster(work, *, stored):
    """Make the work's poster again from its first remaining media file (or
    leave it without one), after files were removed: the old poster may
    show a file that is gone."""
    old = work.poster.name if work.poster else ""
    first = work.media.order_by("pk").first()
    picture = media.poster_of(first) if first is not None else None
    if picture:
        work.poster.save("poster.jpg", ContentFile(picture), save=False)
        stored.append(work.poster)
    else:
        work.poster = ""
    work.save(update_fields=["poster"])
    if old:
        storage = work.poster.storage
        transaction.on_commit(lambda: storage.delete(old))


def delete_after_commit(field_file):
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


@contextmanager
def files_dropped_on_failure():
    """Collects the files stored inside the block and deletes them from the
    storage when it fails: the rows that named them were rolled back."""
    stored = []
    try:
        yield stored
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
