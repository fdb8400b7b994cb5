"""Whatever is typed, the query parser and the 和暦 parser give a result or a
CounterAppError, never another exception; and so does the whole search."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.errors import CounterAppError
from counter_app.search.query import Criterion, classify, parse_query
from counter_app.search.service import ResidentSearch
from counter_app.search.wareki import parse_date
from tests.helpers import open_app
from tests.search.conftest import CLERK, TODAY, fill_register

# What a search box may meet: the parsers' own vocabulary, every width, the characters
# they must refuse, and characters from everywhere else.
VOCABULARY = [
    *"たかはしタカハシﾀｶﾊｼ髙橋高﨑𡈽々ー・0123456789０１２３-－‐/.．年月日元十二〇",
    *["明治", "大正", "昭和", "平成", "令和", "M", "T", "S", "H", "R", "s", "昭", "元年"],
    *["丁目", "番地", "番", "号", "町", "村", "区", "市", "都", "メゾン", "号室", "ハイツ"],
    *" \u3000\t\n\x00\x1f\x7f\u200b\u202e\ufeff\ud800\udfff\U000e0001\U0010ffff㍿ﷺ%_'",
]
words = st.lists(st.sampled_from(VOCABULARY), max_size=100).map("".join)
hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=300),
    words,
    st.lists(st.sampled_from(VOCABULARY), min_size=100, max_size=300).map("".join),
)


def result_or_error(call, *args):
    try:
        return call(*args)
    except CounterAppError as error:
        return error


@settings(deadline=None, max_examples=150)
@given(hostile_text)
def test_parse_query_gives_criteria_or_a_clear_error(text):
    result = result_or_error(parse_query, text, TODAY)
    assert isinstance(result, CounterAppError) or all(isinstance(c, Criterion) for c in result)


@settings(deadline=None, max_examples=150)
@given(hostile_text)
def test_classify_gives_a_criterion_or_a_clear_error(token):
    result = result_or_error(classify, token, TODAY)
    assert isinstance(result, CounterAppError | Criterion)


@settings(deadline=None, max_examples=150)
@given(hostile_text)
def test_parse_date_gives_a_date_none_or_a_clear_error(text):
    result = result_or_error(parse_date, text)
    assert result is None or isinstance(result, CounterAppError | date)


@settings(deadline=None, max_examples=300)
@given(
    era=st.sampled_from(["明治", "大正", "昭和", "平成", "令和", "M", "T", "S", "H", "R", "昭"]),
    year=st.one_of(st.just("元"), st.integers(0, 99).map(str)),
    month=st.integers(0, 99),
    day=st.integers(0, 99),
    form=st.sampled_from(["{e}{y}年{m}月{d}日", "{e}{y}.{m}.{d}", "{e}{y}/{m}/{d}"]),
)
def test_every_era_date_shape_gives_a_date_or_a_clear_error(era, year, month, day, form):
    text = form.format(e=era, y=year, m=month, d=day)
    result = result_or_error(parse_date, text)
    assert isinstance(result, CounterAppError | date), text


@settings(deadline=None, max_examples=300)
@given(
    town=st.sampled_from(["桜町", "緑町", "本町", ""]),
    chome=st.lists(st.sampled_from("〇一二三四五六七八九十"), min_size=1, max_size=4).map("".join),
    rest=st.sampled_from(["", "14", "14番", "14番3号", "14-3", "番地"]),
)
def test_every_address_shape_gives_a_criterion_or_a_clear_error(town, chome, rest):
    text = f"{town}{chome}丁目{rest}"
    assert isinstance(result_or_error(classify, text, TODAY), CounterAppError | Criterion), text


@pytest.fixture
def small_city(sqlite_url):
    app = open_app(sqlite_url)
    fill_register(app)
    yield ResidentSearch(app.db, today=lambda: TODAY)
    app.close()


@settings(
    deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hostile_text)
def test_the_whole_search_gives_hits_or_a_clear_error(small_city, text):
    result = result_or_error(small_city.search, CLERK, text)
    assert isinstance(result, CounterAppError | list)
