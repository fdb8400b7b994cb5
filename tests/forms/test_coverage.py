"""`counter-app forms --coverage`: where every form's fields come from, and everything the
resident must write other than a signature, each with why."""

from __future__ import annotations

from station.launcher import main


def test_coverage_counts_every_form_and_names_each_exception(capsys) -> None:
    assert main(["forms", "--coverage"]) == 0
    out = capsys.readouterr().out.splitlines()
    header, rows = out[0], out[1:42]
    assert header.split()[:7] == ["様式", "記録", "窓口", "計算", "書類", "本人", "うち署名"]
    assert len(rows) == 41
    birth = next(r for r in rows if r.startswith("birth_notice "))
    assert birth.split()[1:7] == ["10", "8", "3", "3", "1", "1"]
    total = out[42].split()
    # The catalog's 404 fields: 192 from the records, 79 asked, 68 computed, 20 documents,
    # 45 for the resident, of which 38 signatures.
    assert total == ["合計", "192", "79", "68", "20", "45", "38"]
    assert out[44] == "署名以外にご本人が書くもの: 7件"
    exceptions = out[45:]
    assert len(exceptions) == 7
    assert all(": " in line and line.split(": ", 1)[1] for line in exceptions)
    assert any(
        line.startswith("  mynumber_card_change.pin ") and "暗証番号" in line for line in exceptions
    )


def test_coverage_in_english(capsys) -> None:
    assert main(["forms", "--coverage", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Left to the resident other than a signature: 7" in out


def test_forms_needs_a_scenario_or_coverage(capsys) -> None:
    assert main(["forms"]) == 2
    assert "--coverage" in capsys.readouterr().err
