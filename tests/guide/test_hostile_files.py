"""Hostile YAML through the real `counter-app`: exit status 2 and one `file:line: message`
line, never a traceback; the resource files a city edits are read the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from counter_app.catalog import default_catalog_dir, load_catalog
from counter_app.db.models import Resident
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.queue.categories import load_categories
from counter_app.services.departments import load_departments
from printing.layouts import check_layouts
from tests.helpers import run_cli
from tests.hostile_yaml import HOSTILE, Hostile

BY_NAME = {hostile.name: hostile for hostile in HOSTILE}


def write(folder: Path, hostile: Hostile, name: str | None = None) -> Path:
    path = folder / (name or f"{hostile.name}.yaml")
    path.write_text(hostile.text, encoding="utf-8")
    return path


def assert_refused(result, path: Path, hostile: Hostile, language: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert line.startswith(f"{path}:{hostile.line}: "), line
    if language == "en":
        assert hostile.words in line, line
    else:
        message = line.removeprefix(f"{path}:{hostile.line}: ")
        assert any("\u3040" <= char <= "\u30ff" for char in message), line


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda hostile: hostile.name)
def test_guide_refuses_a_hostile_scenario_file(tmp_path, hostile):
    language = "en" if HOSTILE.index(hostile) % 2 else "ja"
    path = write(tmp_path, hostile)
    result = run_cli("guide", "--scenario", str(path), "--lang", language)
    assert_refused(result, path, hostile, language)


@pytest.mark.parametrize(
    "name", ["billion_laughs", "mapping_as_key", "bad_timestamp", "oversized", "python_object"]
)
def test_catalog_check_refuses_a_hostile_catalog_file(tmp_path, name):
    folder = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), folder)
    path = write(folder, BY_NAME[name], "local-procedures.yaml")
    result = run_cli("catalog", "check", str(folder), "--lang", "en")
    assert_refused(result, path, BY_NAME[name], "en")


@pytest.mark.parametrize("name", ["billion_laughs", "recursive_alias"])
def test_forms_refuses_a_hostile_scenario_file_and_writes_no_pdf(tmp_path, name):
    path = write(tmp_path, BY_NAME[name])
    pdf = tmp_path / "out.pdf"
    result = run_cli("forms", "--scenario", str(path), "--id", "SC01", "--out", str(pdf))
    assert_refused(result, path, BY_NAME[name], "ja")
    assert not pdf.exists()


@pytest.mark.parametrize("name", ["many_values", "sequence_as_key"])
def test_demo_data_refuses_a_hostile_scenario_file_and_writes_no_resident(tmp_path, name):
    path = write(tmp_path, BY_NAME[name])
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = run_cli("demo-data", "--scenario", str(path), "--database", url, "--lang", "en")
    assert_refused(result, path, BY_NAME[name], "en")
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Resident)) == 0
    engine.dispose()


@pytest.mark.parametrize("name", ["billion_laughs", "recursive_alias", "int_of_text"])
def test_resource_files_refuse_hostile_yaml_naming_the_line(tmp_path, name):
    hostile = BY_NAME[name]
    for loader in (load_categories, load_departments):
        path = write(tmp_path, hostile)
        with pytest.raises(CounterAppError) as raised:
            loader(path)
        assert raised.value.code is ErrorCode.RESOURCE_INVALID
        english = message_for(raised.value, "en")
        assert f"{path}:{hostile.line}" in english and hostile.words in english
        assert f"{path}:{hostile.line}" in message_for(raised.value, "ja")


def test_form_layouts_refuse_hostile_yaml_naming_the_line(tmp_path):
    catalog = load_catalog()
    hostile = BY_NAME["billion_laughs"]
    write(tmp_path, hostile, f"{catalog.forms[0].id}.yaml")
    _layouts, problems = check_layouts(catalog, tmp_path)
    [problem] = [p for p in problems if p.file == f"{catalog.forms[0].id}.yaml"]
    assert problem.key == f"line {hostile.line}" and hostile.words in problem.message


def test_a_file_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path):
    result = run_cli("guide", "--scenario", "/dev/zero", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip() == "/dev/zero: not a regular file"
