"""Who may plan and move the campaign's tasks."""

from accounts.permissions import rule, scope_of
from accounts.roles import Role

PLANNERS = (
    Role.CITY_OFFICER,
    Role.PARTY_COMMITTEE_OFFICER,
    Role.ASSOCIATION_STAFF,
    Role.SYSTEM_ADMIN,
)


@rule("campaign.manage_tasks")
def _manage_tasks(user, _obj):
    return scope_of(user).has(*PLANNERS)


@rule("campaign.view_tasks")
def _view_tasks(user, _obj):
    return scope_of(user).is_official or user.campaign_tasks.exists()


@rule("campaign.change_task_status")
def _change_task_status(user, task):
    from campaign.selectors import tasks_visible_to

    if scope_of(user).has(*PLANNERS) or task.responsible_person_id == user.pk:
        return True
    return (
        scope_of(user).is_official
        and tasks_visible_to(user).filter(pk=task.pk).exists()
    )
