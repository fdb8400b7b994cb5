"""The clerk's answers described by the core, as every screen that shows them reads them:
questions by the catalog's labels (the common ones too), choices by their labels, persons
by name, in the order the catalog asks. Without a QApplication."""

from __future__ import annotations

from datetime import datetime

import pytest

from counter_app.catalog import load_catalog
from counter_app.guide.wording import (
    DescribedAnswer,
    choice_label,
    describe_answers,
    event_name,
    question_label,
)

NAMES = {"A0101": "佐藤 健太", "A0102": "佐藤 美咲"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_a_birth_visits_answers_read_as_the_clerk_gave_them(catalog):
    born = datetime(2026, 11, 20, 9, 41)
    described = describe_answers(
        catalog,
        "birth",
        {
            "notifier_id": "A0102",
            "newborn_health_insurance": "nhi",
            "mother_id": "A0102",
            "newborn_birth_datetime": born,
            "birth_notice_already_filed": False,
            "applicant_id": "A0101",
            "newborn_surname": "佐藤",
            "newborn_given_name": "陽菜",
            "father_id": None,
            "zz_retired_question": "x",
        },
        {"A0102": {"direct_payment_used": True}, "NEW-1": {"newborn_sex": "女"}},
        NAMES,
    )
    assert [(a.label, a.value) for a in described if a.person is None] == [
        ("出生届を他の市区町村（出生地・本籍地）へ提出済みか", False),
        ("子の氏", "佐藤"),
        ("子の名", "陽菜"),
        ("生まれたとき（年月日・午前午後・時分）", born),
        ("母", "佐藤 美咲（A0102）"),
        ("父（記載がある場合）", None),
        ("届出人（父または母）", "佐藤 美咲（A0102）"),
        ("子が加入する健康保険（親の勤務先の健康保険の被扶養者になるか）", "国民健康保険"),
        # A common question is worded too (the inbox used to show its key).
        ("来庁者（届出人）", "佐藤 健太（A0101）"),
        # A key the catalog no longer asks comes last, as it was stored.
        ("zz_retired_question", "x"),
    ]
    # Per person, after the event's, each under the person's name; the newborn (not in
    # the register yet) is named from the birth answers.
    assert [a for a in described if a.person is not None] == [
        DescribedAnswer(
            "direct_payment_used",
            "出産育児一時金の直接支払制度を利用したか",
            True,
            person="A0102",
            person_name="佐藤 美咲",
        ),
        DescribedAnswer("newborn_sex", "性別", "女", person="NEW-1", person_name="佐藤\u3000陽菜"),
    ]


def test_several_values_are_worded_one_by_one_and_unknown_persons_stay_as_given(catalog):
    (movers, agent) = describe_answers(
        catalog,
        "move_out",
        {"mover_ids": ["A0101", "A0102", "A9999"], "applicant_id": "代理人 山田"},
        {},
        NAMES,
    )
    assert movers.value == ("佐藤 健太（A0101）", "佐藤 美咲（A0102）", "A9999")
    assert agent.value == "代理人 山田"
    assert movers.label == question_label(catalog, "move_out", "mover_ids") != "mover_ids"


def test_a_visit_under_an_event_the_catalog_no_longer_knows_still_reads(catalog):
    (answer,) = describe_answers(catalog, "abolished_event", {"id_document": "運転免許証"}, {}, {})
    assert answer.label == "本人確認書類（マイナンバーカード・運転免許証 等）"
    assert answer.value == "運転免許証"
    assert event_name(catalog, "abolished_event", "en") == "abolished_event"


def test_names_in_the_languages_the_catalog_provides(catalog):
    assert event_name(catalog, "birth") == "出生"
    assert event_name(catalog, "birth", "en") == "Birth of a child"
    assert choice_label(catalog, "employer_dependent") == "勤務先の健康保険（被扶養者）"
    assert choice_label(catalog, 2) == "第2号"  # the pension category, given as a number
    assert choice_label(catalog, "嫡出子") == "嫡出子"  # an option that is its own label
    assert question_label(catalog, "death", "died_on") != "died_on"
    assert question_label(catalog, "death", "no_such_key") == "no_such_key"
