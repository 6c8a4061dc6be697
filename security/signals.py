"""Audit trail receivers: logins (with the address), logouts, password changes, permission and group
changes, account status changes. Wagtail records page/snippet edits, publications and approvals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from core.audit import client_ip, log_action

User = get_user_model()
WATCHED_FLAGS = ("is_active", "is_staff", "is_superuser")


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    log_action("icrtop.login", user, user=user, data={"ip": client_ip(request)})


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    data = {"ip": client_ip(request), "username": username}
    if user is not None:
        log_action("icrtop.login_failed", user, user=None, data=data)
    else:
        log_action("icrtop.login_failed", model=User, user=None, data=data, title=username or "?")


@receiver(user_logged_out, dispatch_uid="audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action("icrtop.logout", user, user=user, data={"ip": client_ip(request)})


@receiver(pre_save, sender=User, dispatch_uid="audit_user_pre_save")
def remember_user_state(sender, instance, **kwargs):
    if instance.pk:
        old = User.objects.filter(pk=instance.pk).values("password", *WATCHED_FLAGS).first()
        instance._audit_before = old


@receiver(post_save, sender=User, dispatch_uid="audit_user_post_save")
def audit_user_changes(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if created or not before:
        return
    if before["password"] != instance.password:
        log_action("icrtop.password_change", instance)
    changed = {flag: getattr(instance, flag) for flag in WATCHED_FLAGS if before[flag] != getattr(instance, flag)}
    if changed:
        log_action("icrtop.account_flags", instance, data=changed)


def _names(model, pk_set):
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    return sorted(
        f"{app}.{codename}"
        for app, codename in model.objects.filter(pk__in=pk_set).values_list("content_type__app_label", "codename")
    )


def _audit_m2m(action, instance, model, pk_set, change, reverse_names):
    if change not in {"post_add", "post_remove", "post_clear"}:
        return
    data = {"change": change.removeprefix("post_")}
    if pk_set:
        data[reverse_names] = _names(model, pk_set)
    log_action(action, instance, data=data)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_user_groups")
def audit_user_groups(sender, instance, action, model, pk_set, reverse, **kwargs):
    if reverse:  # group.user_set.add(user): instance is the group
        for user in User.objects.filter(pk__in=pk_set or []):
            _audit_m2m("icrtop.groups", user, Group, {instance.pk}, action, "groups")
        if action == "post_clear":
            _audit_m2m("icrtop.groups", instance, Group, None, action, "groups")
    else:
        _audit_m2m("icrtop.groups", instance, model, pk_set, action, "groups")


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit_user_permissions")
def audit_user_permissions(sender, instance, action, model, pk_set, reverse, **kwargs):
    if not reverse:
        _audit_m2m("icrtop.permissions", instance, model, pk_set, action, "permissions")


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="audit_group_permissions")
def audit_group_permissions(sender, instance, action, model, pk_set, reverse, **kwargs):
    if not reverse:
        _audit_m2m("icrtop.permissions", instance, model, pk_set, action, "permissions")
