"""Synthetic Chinese names for demo people and villages. None is taken from a real register."""

from __future__ import annotations

import random

from domain.households.models import Gender

# Frequent surnames in western Zhejiang, with rough weights.
SURNAMES = (
    ("徐", 9),
    ("王", 8),
    ("郑", 7),
    ("叶", 6),
    ("周", 6),
    ("毛", 5),
    ("余", 5),
    ("汪", 5),
    ("刘", 4),
    ("吴", 4),
    ("张", 4),
    ("李", 4),
    ("陈", 4),
    ("杨", 3),
    ("方", 3),
    ("祝", 3),
    ("姜", 3),
    ("程", 2),
    ("傅", 2),
    ("胡", 2),
    ("邵", 2),
    ("柴", 2),
    ("华", 1),
    ("廖", 1),
    ("童", 1),
    ("鲍", 1),
)
_SURNAME_CHARACTERS = [surname for surname, _ in SURNAMES]
_SURNAME_WEIGHTS = [weight for _, weight in SURNAMES]

GIVEN_NAME_CHARACTERS = {
    Gender.MALE: "建国军伟华明强林平志勇东海涛斌荣根福兴忠红波峰文杰鹏浩宇轩辰睿锦哲",
    Gender.FEMALE: "秀英兰芳丽华红梅玲娟燕萍琴霞敏静婷雪颖欣怡悦琳晨佳雅婉诗涵瑶",
}

# Characters outside the Basic Multilingual Plane (生僻字, CJK Extension B to E). Registries
# hold such names, and every layer must store, search and mask them without loss.
RARE_CHARACTERS = ("𠀾", "𡒄", "𥻗", "𬘭", "𬭎")
RARE_CHARACTER_SHARE = 0.015

# Village names are an invented first part plus a landform word, e.g. "上坞" + "村".
_VILLAGE_FIRST_PARTS = (
    "上",
    "下",
    "东",
    "西",
    "南",
    "大",
    "小",
    "新",
    "黄",
    "石",
    "杨",
    "毛",
    "余",
    "徐",
    "叶",
    "汪",
    "柴",
    "祝",
    "梧桐",
    "枫树",
    "高",
    "长",
    "白",
    "金",
    "桃",
    "竹",
    "茶",
    "青",
)
_VILLAGE_LANDFORMS = "坞源溪坑岭塘畈山岙湾埠桥垄头家田口岗"

DEMO_SUFFIX = "（演示）"


def pick_surname(rng: random.Random) -> str:
    return rng.choices(_SURNAME_CHARACTERS, weights=_SURNAME_WEIGHTS)[0]


def make_person_name(rng: random.Random, surname: str, gender: Gender) -> str:
    """Build a surname plus one or two given-name characters, now and then a rare one."""
    pool = GIVEN_NAME_CHARACTERS[gender]
    length = 2 if rng.random() < 0.8 else 1
    given_name = [rng.choice(pool) for _ in range(length)]
    if rng.random() < RARE_CHARACTER_SHARE:
        given_name[-1] = rng.choice(RARE_CHARACTERS)
    return surname + "".join(given_name)


def make_village_names(rng: random.Random, count: int, first: str | None = None) -> list[str]:
    """Return ``count`` distinct village names ending in "村（演示）".

    ``first``, when given, is the base name of the first village, e.g. "上坞村".
    """
    bases: list[str] = [first] if first else []
    while len(bases) < count:
        base = rng.choice(_VILLAGE_FIRST_PARTS) + rng.choice(_VILLAGE_LANDFORMS) + "村"
        if base not in bases:
            bases.append(base)
    return [base + DEMO_SUFFIX for base in bases]


# Pinyin of the townships, sub-districts and towns of Kecheng (330802) and Qujiang (330803),
# used in staff logins such as "township-gouxi".
TOWNSHIP_SLUGS = {
    "330802005": "xinxin",
    "330802006": "fushan",
    "330802007": "hehua",
    "330802008": "xinan",
    "330802009": "baiyun",
    "330802010": "shuanggang",
    "330802012": "quhua",
    "330802013": "huayuan",
    "330802100": "shiliang",
    "330802101": "hangbu",
    "330802205": "huangjia",
    "330802209": "qili",
    "330802210": "jiuhua",
    "330802211": "gouxi",
    "330802212": "huashu",
    "330802213": "jiangjiashan",
    "330802214": "wantian",
    "330802215": "shishi",
    "330803001": "zhangtan",
    "330803002": "fushi",
    "330803100": "shangfang",
    "330803101": "xiachuan",
    "330803103": "lianhua",
    "330803109": "quanwang",
    "330803110": "dazhou",
    "330803111": "houxi",
    "330803112": "nianli",
    "330803113": "hunan",
    "330803114": "gaojia",
    "330803115": "duze",
    "330803200": "huiping",
    "330803202": "taizhen",
    "330803203": "shuangqiao",
    "330803206": "zhoujia",
    "330803207": "yunxi",
    "330803213": "jucun",
    "330803218": "lingyang",
    "330803219": "huangtankou",
}


def township_slug(code: str) -> str:
    """Return the pinyin of a township for logins, or its code when it is not listed."""
    return TOWNSHIP_SLUGS.get(code, code)
