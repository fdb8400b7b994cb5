"""A file the app writes (a PDF, a CSV, a spreadsheet) is there whole or not at all."""

import pytest

from counter_app.whole_files import write_bytes_whole, write_whole


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"last month's figures")

    def fails_halfway(temporary):
        temporary.write_bytes(b"half of")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_whole(target, fails_halfway)
    assert target.read_bytes() == b"last month's figures"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_whole_write_replaces_the_file_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "report.pdf"
    write_bytes_whole(target, b"%PDF-1.4 whole")
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_missing_folder_is_an_error_unless_asked_to_make_it(tmp_path):
    target = tmp_path / "no-such-folder" / "forms.pdf"
    with pytest.raises(FileNotFoundError):
        write_bytes_whole(target, b"x")
    write_bytes_whole(target, b"x", make_folder=True)
    assert target.read_bytes() == b"x"
