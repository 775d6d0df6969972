from accounts.checks import local_stand_ins


def test_deploy_check_warns_about_local_stand_ins(settings):
    settings.SMS_SENDER = "common.sms.LogSmsSender"
    settings.WECHAT_CLIENT = "accounts.wechat.LocalWechatClient"

    assert [w.id for w in local_stand_ins(None)] == ["accounts.W001", "accounts.W002"]


def test_deploy_check_is_quiet_with_the_real_clients(settings):
    settings.SMS_SENDER = "common.sms.HttpSmsSender"
    settings.WECHAT_CLIENT = "accounts.wechat.HttpWechatClient"

    assert local_stand_ins(None) == []
