"""A stored resident with a value the app would never write (raw SQL, an old import, a
repair by hand) spoils only its own row: the search still finds everyone sharing the
name, and the bad row shows what can be shown."""

from sqlalchemy import text

from tests.search.conftest import CLERK


def store(app, atena_no: str, **values: str) -> None:
    """Write `values` into one resident with raw SQL, past every check of the app."""
    sqlite = app.engine.dialect.name == "sqlite"
    assignments = ", ".join(
        f"{column} = :{column}"
        if sqlite or column != "birth_date"
        else f"{column} = CAST(:{column} AS DATE)"
        for column in values
    )
    with app.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE residents SET {assignments} WHERE atena_no = :atena_no"),
            {**values, "atena_no": atena_no},
        )


def test_out_of_era_dates_empty_and_control_names_do_not_break_a_search(register, register_app):
    sqlite = register_app.engine.dialect.name == "sqlite"
    store(register_app, "0000000001", birth_date="0001-01-01")  # 髙橋 花子
    store(register_app, "0000000002", birth_date="9999-12-31")  # 髙橋 一郎
    store(register_app, "0000000003", surname_kanji="", given_name_kanji="一\x1b[31m\x07郎")
    # a date no driver reads: garbage in SQLite, infinity in PostgreSQL
    store(register_app, "0000000005", birth_date="not a date" if sqlite else "infinity")
    if sqlite:  # PostgreSQL keeps names within their 40 characters
        store(register_app, "0000000004", surname_kanji="高" * 10_000)

    # the fixture's residents are numbered in order: 宛名番号 0000000001 is id 1
    hits = {hit.resident_id: hit for hit in register.search(CLERK, "たか")}
    assert sorted(hits) == [1, 2, 3, 4, 5], "everyone whose reading starts with タカ"
    assert hits[1].birth_date.isoformat() == "0001-01-01" and hits[1].age is None
    assert hits[1].birth_date_wareki == "0001-01-01"
    assert hits[2].birth_date_wareki == "令和7981年12月31日" and hits[2].age is None
    assert hits[3].name == "\u3000一\x1b[31m\x07郎"
    assert hits[5].birth_date is None and hits[5].birth_date_wareki == "" and hits[5].age is None
    if sqlite:
        assert hits[4].name == "高" * 10_000 + "\u3000健"
    # the others sharing the name still come back whole
    assert len(register.search(CLERK, "たかはし")) == 3
    assert [hit.name for hit in register.search(CLERK, "たかはし 昭和35年4月1日")] == [
        "\u3000一\x1b[31m\x07郎"
    ]
