"""The service week as the campaign plan (附件1-5) lays it out.

Dates are (month, day) pairs of the week's year; :func:`theme_days_of` and
:func:`phases_of` turn them into dates for a given year when asked, so no
date is computed at import time.
"""

import datetime as dt

# (month, day, name, content, partner kinds)
THEME_DAYS = (
    (
        7,
        1,
        "基础服务提质日",
        "启动仪式，签署战略合作协议；全市物业统一开展环境整治、设备检修、"
        "安全演练等标准化服务提升行动",
        [],
    ),
    (
        7,
        2,
        "金融便民日",
        "联合银行/保险机构推出物业费缴交优惠、社区普惠金融等服务",
        ["bank", "insurer"],
    ),
    (
        7,
        3,
        "健康守护日",
        "开展义诊、急救培训、健康筛查等（“健康服务送到家”方案）",
        ["health"],
    ),
    (
        7,
        4,
        "家政焕新日",
        "联动家政企业提供空调清洗、油烟机拆洗等免费服务，推出“红色优惠价”",
        ["housekeeping"],
    ),
    (
        7,
        5,
        "助老助残关怀日",
        "针对行动不便老人、需求特殊的业主，安排专业服务团队提供上门服务",
        ["elder_care", "health"],
    ),
    (
        7,
        6,
        "便民市集日",
        "社区广场集中开展家电维修、旧物置换、政策咨询等一站式服务",
        ["other"],
    ),
)

# The day of 便民市集日, whose booths the communities set up.
MARKET_DAY = (7, 6)


def is_market_day(date):
    return (date.month, date.day) == MARKET_DAY


# (name, (start month, day), (end month, day), core tasks)
PHASES = (
    (
        "筹备启动",
        (5, 13),
        (5, 31),
        "资源对接、协议签署、服务清单确认、宣传预热、小程序开发",
    ),
    (
        "深化推进",
        (6, 1),
        (6, 28),
        "服务团队培训、物资筹备、需求摸排、社区动员、小程序内测",
    ),
    ("集中执行", (7, 1), (7, 6), "物业服务周主题活动实施"),
    ("总结反馈", (7, 7), (7, 12), "成果验收、满意度调查、宣传总结"),
)

SURVEY_WINDOW = ((7, 7), (7, 12))


def theme_days_of(year):
    """The plan's theme days of ``year``: dicts ready for ThemeDay rows."""
    return [
        {
            "date": dt.date(year, month, day),
            "name": name,
            "content": content,
            "partner_kinds": kinds,
        }
        for month, day, name, content, kinds in THEME_DAYS
    ]


def phases_of(year):
    return [
        {
            "name": name,
            "starts_on": dt.date(year, *start),
            "ends_on": dt.date(year, *end),
            "tasks": tasks,
            "position": position,
        }
        for position, (name, start, end, tasks) in enumerate(PHASES)
    ]


def survey_window_of(year):
    (m1, d1), (m2, d2) = SURVEY_WINDOW
    return dt.date(year, m1, d1), dt.date(year, m2, d2)
