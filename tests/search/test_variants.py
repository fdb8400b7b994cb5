"""The curated variant table: it loads, and it folds no character into a different one."""

from counter_app.search.keys import kanji_key, variant_table

# Pairs that look alike but are different characters, each making different names.
DIFFERENT_CHARACTERS = [
    ("崎", "埼"),
    ("﨑", "埼"),
    ("薗", "園"),
    ("籐", "藤"),
    ("島", "鳥"),
    ("沢", "択"),
    ("浜", "兵"),
    ("辺", "迫"),
    ("斎", "済"),
    ("広", "庄"),
    ("桜", "様"),
    ("高", "亮"),
    ("柳", "抑"),
    ("富", "寛"),
]


def test_the_table_loads_with_the_variants_the_issue_names():
    table = variant_table()
    expected = {"髙": "高", "﨑": "崎", "齋": "斎", "齊": "斎", "邊": "辺", "邉": "辺", "澤": "沢"}
    expected |= {"濱": "浜", "廣": "広", "國": "国", "櫻": "桜", "嶋": "島", "嶌": "島", "德": "徳"}
    assert expected.items() <= table.items()


def test_sai_is_not_folded_into_saki():
    assert "埼" not in variant_table()
    assert "埼" not in variant_table().values()
    assert kanji_key("山﨑") == kanji_key("山崎") != kanji_key("山埼")


def test_no_variant_folds_into_a_different_character():
    table = variant_table()
    for variant, common in table.items():
        assert variant not in table.values(), f"{variant} is both a variant and a common form"
        assert common not in table, f"{common} folds further"
    for first, second in DIFFERENT_CHARACTERS:
        assert kanji_key(first) != kanji_key(second), f"{first} and {second} must stay apart"
