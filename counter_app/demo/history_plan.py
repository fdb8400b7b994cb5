"""The demo history's simulation, with no database: who arrives when, which window calls
whom, how long each is served, who does not come, who gives up, who is sent to another
category, and what the departments do with a routed procedure afterwards.

`plan_day(day, categories, rng, scale)` simulates one business day of the floor: arrivals
by category and hour (the 8:30 rush at the door, the morning peak, workers at lunchtime,
Mondays and the first open day after a holiday busier, the morning above all; nobody on
holidays or over 年末年始: counter_app.office_calendar), windows calling in the queue's
own order (counter_app.queue.calls), lunch taken in two shifts so waits grow at noon, service
times lognormal per category. It returns the day's steps in the order they happen;
`counter_app.demo.history` replays them through the services (or writes them as rows).
`follow_up` is what a department does with one routed procedure, drawn from its own seed.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

from .. import office_calendar
from ..clock import LOCAL_ZONE
from ..queue.categories import Category
from .history_events import CATEGORY_EVENTS, EVENT_WEIGHTS

DEFAULT_SCALE = 600  # tickets on an ordinary day
# Relative arrivals per local hour (08 is 08:30–09:00, 17 is 17:00–17:15; per minute).
HOURLY = {8: 1.9, 9: 1.35, 10: 1.4, 11: 1.2, 12: 1.0, 13: 0.95, 14: 1.0, 15: 0.85, 16: 0.6, 17: 0.4}
WEEKDAY = (1.12, 1.0, 0.95, 0.92, 1.0)  # Monday … Friday
MONDAY_MORNING = 1.1  # on top of WEEKDAY before noon
AFTER_HOLIDAY = 1.25  # the first open day after a weekday holiday, on top of its weekday
SEASON = {3: 1.25, 4: 1.3}  # the moving season
# Share of the day's tickets by category (okuyami is by appointment: APPOINTMENTS).
MIX = {"todokede": 0.24, "hoken_nenkin": 0.22, "kosodate_fukushi": 0.2, "shomei": 0.34}
APPOINTMENTS = ("okuyami", (time(9, 0), time(10, 30), time(13, 30), time(15, 0)))
# Median service as a share of the category's service_minutes (the planning figure is
# generous; certificates alone are quickest), and the spread (lognormal sigma).
SERVICE_SHARE = {"shomei": 0.5, "okuyami": 0.85}
SERVICE_SHARE_DEFAULT = 0.38
SERVICE_SIGMA = 0.45
NO_SHOW = 0.03  # called twice, never came
GIVE_UP = 0.015  # leaves the queue if not called within their patience
TRANSFERS = {  # from → ((to, probability), …)
    "todokede": (("hoken_nenkin", 0.03), ("kosodate_fukushi", 0.015)),
    "hoken_nenkin": (("kosodate_fukushi", 0.02),),
    "kosodate_fukushi": (("hoken_nenkin", 0.02),),
}
VISITS = {"todokede": 0.25, "hoken_nenkin": 0.12, "kosodate_fukushi": 0.15, "okuyami": 1.0}
CERTIFICATES = {"shomei": 0.97, "todokede": 0.2}
LUNCH_MINUTES = 45
LUNCH_SHIFTS = (time(11, 45), time(12, 30))  # odd windows first, even windows second
OFFICE_HOURS = (time(8, 30), time(17, 15))  # the departments' day


class Op(StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    NO_SHOW = "no_show"
    START = "start"
    VISIT = "visit"  # the window records the resident's life-event visit
    CERTIFICATE = "certificate"  # the certificate desk issues (and takes the fee)
    FINISH = "finish"
    TRANSFER = "transfer"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Step:
    at: datetime  # UTC, whole seconds
    op: Op
    ticket: int  # the ticket's key in the day (its creation order)
    window: int | None = None
    category: str | None = None  # ISSUE: the category; TRANSFER: the target
    minute: float = 0.0  # local minute of the day, unrounded: the order steps happen in


@dataclass
class PlannedTicket:
    key: int
    category_id: str
    issued_at: datetime
    seed: int  # the draws of its visit or certificates
    transferred_from: int | None = None
    event: str | None = None  # the visit's life event (drawn at the window from seed)
    certificate: bool = False
    status: str = "waiting"
    window: int | None = None
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0


@dataclass(frozen=True)
class DayPlan:
    day: date
    tickets: tuple[PlannedTicket, ...]
    steps: tuple[Step, ...]


def business_days(last: date, count: int) -> list[date]:
    """The `count` days the office is open up to and including `last`, oldest first:
    Monday to Friday except national holidays and 年末年始 (counter_app.office_calendar)."""
    return office_calendar.open_days(last, count)


def previous_business_day(day: date) -> date:
    return office_calendar.previous_open_day(day)


def at_local(day: date, moment: time, minutes: float = 0.0) -> datetime:
    """`moment` on `day` in the office's time plus `minutes`, in UTC, whole seconds."""
    start = datetime.combine(day, moment, LOCAL_ZONE) + timedelta(minutes=minutes)
    return start.astimezone(UTC).replace(microsecond=0)


def _minutes(clock: time) -> float:
    return clock.hour * 60 + clock.minute


# -- arrivals ------------------------------------------------------------------------------


def _rate(day: date, minute: float) -> float:
    """Relative arrivals per minute at local minute-of-day `minute`."""
    hour = int(minute // 60)
    rate = HOURLY.get(hour, 0.0) * WEEKDAY[day.weekday()] * SEASON.get(day.month, 1.0)
    if day.weekday() == 0 and hour < 12:
        rate *= MONDAY_MORNING
    if _after_holiday(day):
        rate *= AFTER_HOLIDAY
    return rate


@lru_cache(maxsize=1024)
def _after_holiday(day: date) -> bool:
    return office_calendar.after_holiday(day)


def _arrivals(day: date, category: Category, expected: float, rng: random.Random) -> list[float]:
    """Arrival minutes (local minute-of-day) of one category: a Poisson process thinned
    to the hourly profile, `expected` arrivals on an ordinary day's profile."""
    start, end = _minutes(category.opens), _minutes(category.closes)
    week = [date(2026, 11, 30) + timedelta(days=n) for n in range(5)]  # an ordinary week
    ordinary = sum(_rate(d, m + 0.5) for d in week for m in range(int(start), int(end))) / 5
    peak = max(_rate(day, m + 0.5) for m in range(int(start), int(end)))
    if ordinary <= 0 or peak <= 0:
        return []
    per_unit = expected / ordinary  # arrivals per minute per unit of rate
    found, minute = [], start
    while True:
        minute += rng.expovariate(per_unit * peak)
        if minute >= end:
            return found
        if rng.random() < _rate(day, minute) / peak:
            found.append(minute)


# -- the floor -----------------------------------------------------------------------------


@dataclass
class _Window:
    number: int
    serves: tuple[str, ...]  # categories in calling order
    opens: float  # local minute
    lunch_at: float
    busy: bool = False
    lunched: bool = False
    lunch_due: bool = False


@dataclass(order=True)
class _Event:
    minute: float
    seq: int
    kind: str = field(compare=False)
    ticket: int | None = field(default=None, compare=False)
    window: int | None = field(default=None, compare=False)
    category: str | None = field(default=None, compare=False)


class _Floor:
    """One day's discrete-event simulation of the floor."""

    def __init__(self, day: date, categories: Sequence[Category], rng: random.Random) -> None:
        self.day = day
        self.rng = rng
        self.categories = {c.id: c for c in categories}
        self.order = {c.id: i for i, c in enumerate(categories)}
        self.tickets: list[PlannedTicket] = []
        self.steps: list[Step] = []
        self.waiting: list[int] = []
        self.events: list[_Event] = []
        self.seq = 0
        self.draws: dict[int, dict] = {}
        numbers = sorted({w for c in categories for w in c.windows})
        self.windows = {}
        for number in numbers:
            served = sorted(
                (c for c in categories if number in c.windows),
                key=lambda c: (c.windows.index(number), self.order[c.id]),
            )
            shift = LUNCH_SHIFTS[(number + 1) % 2]
            self.windows[number] = _Window(
                number,
                tuple(c.id for c in served),
                min(_minutes(c.opens) for c in served),
                _minutes(shift),
            )

    def at(self, minute: float) -> datetime:
        return at_local(self.day, time(0, 0), minute)

    def push(self, minute: float, kind: str, **what) -> None:
        self.seq += 1
        heapq.heappush(self.events, _Event(minute, self.seq, kind, **what))

    def step(self, minute: float, op: Op, ticket: int, **what) -> datetime:
        moment = self.at(minute)
        self.steps.append(Step(moment, op, ticket, minute=minute, **what))
        return moment

    # -- tickets

    def arrive(self, minute: float, category_id: str, origin: int | None = None) -> None:
        key = len(self.tickets)
        rng = self.rng
        ticket = PlannedTicket(
            key, category_id, self.at(minute), seed=rng.getrandbits(48), transferred_from=origin
        )
        category = self.categories[category_id]
        share = SERVICE_SHARE.get(category_id, SERVICE_SHARE_DEFAULT)
        median = max(1.0, category.service_minutes * share)
        transfer_to = None
        if origin is None:
            roll = rng.random()
            for target, probability in TRANSFERS.get(category_id, ()):
                if roll < probability and target in self.categories:
                    transfer_to = target
                    break
                roll -= probability
        draw = {
            "service": min(median * math.exp(rng.gauss(0.0, SERVICE_SIGMA)), median * 6),
            "walk": rng.uniform(0.2, 0.8),
            "gap": rng.uniform(0.1, 0.4),
            "no_show": origin is None and rng.random() < NO_SHOW,
            "patience": rng.uniform(15, 75) if origin is None and rng.random() < GIVE_UP else None,
            "transfer": transfer_to,
        }
        if origin is None and rng.random() < VISITS.get(category_id, 0.0):
            events = CATEGORY_EVENTS[category_id]
            ticket.event = rng.choices(events, [EVENT_WEIGHTS[e] for e in events])[0]
        ticket.certificate = ticket.event is None and rng.random() < CERTIFICATES.get(
            category_id, 0.0
        )
        self.tickets.append(ticket)
        self.draws[key] = draw
        if origin is None:
            self.step(minute, Op.ISSUE, key, category=category_id)
        self.waiting.append(key)
        if draw["patience"] is not None:
            self.push(minute + draw["patience"], "give_up", ticket=key)
        self.call_idle(minute)

    def call_idle(self, minute: float) -> None:
        for window in self.windows.values():
            if not window.busy and minute >= window.opens and not self.on_lunch(window, minute):
                self.call(window, minute)

    def on_lunch(self, window: _Window, minute: float) -> bool:
        return window.lunched and minute < window.lunch_at + LUNCH_MINUTES

    def call(self, window: _Window, minute: float) -> None:
        """The window calls the next ticket in the queue's order, if any waits for it."""
        rank = {c: i for i, c in enumerate(window.serves)}
        candidates = [k for k in self.waiting if self.tickets[k].category_id in rank]
        if not candidates:
            return
        key = min(
            candidates,
            key=lambda k: (
                self.tickets[k].transferred_from is None,
                rank[self.tickets[k].category_id],
                self.tickets[k].issued_at,
                k,
            ),
        )
        self.waiting.remove(key)
        ticket, draw = self.tickets[key], self.draws[key]
        window.busy = True
        ticket.window = window.number
        ticket.called_at = self.step(minute, Op.CALL, key, window=window.number)
        ticket.status = "called"
        if draw["no_show"]:
            ticket.recalls = 1
            self.step(minute + 2, Op.RECALL, key)
            ticket.finished_at = self.step(minute + 4, Op.NO_SHOW, key)
            ticket.status = "no_show"
            self.push(minute + 4, "free", window=window.number)
            return
        start = minute + draw["walk"]
        ticket.started_at = self.step(start, Op.START, key)
        if draw["transfer"] is not None:
            moved = start + draw["service"] * 0.5
            ticket.finished_at = self.step(moved, Op.TRANSFER, key, category=draw["transfer"])
            ticket.status = "transferred"
            self.push(moved, "transferred", ticket=key, category=draw["transfer"])
            self.push(moved + draw["gap"], "free", window=window.number)
            return
        if ticket.event is not None:
            self.step(start + draw["service"] * 0.6, Op.VISIT, key)
        if ticket.certificate:
            self.step(start + draw["service"] * 0.8, Op.CERTIFICATE, key)
        end = start + draw["service"]
        ticket.finished_at = self.step(end, Op.FINISH, key)
        ticket.status = "done"
        self.push(end + draw["gap"], "free", window=window.number)

    def run(self) -> DayPlan:
        while self.events:
            event = heapq.heappop(self.events)
            minute = event.minute
            if event.kind == "arrive":
                self.arrive(minute, event.category)
            elif event.kind == "transferred":
                self.arrive(minute, event.category, origin=event.ticket)
            elif event.kind == "give_up":
                if event.ticket in self.waiting:
                    self.waiting.remove(event.ticket)
                    ticket = self.tickets[event.ticket]
                    ticket.status = "cancelled"
                    ticket.finished_at = self.step(minute, Op.CANCEL, event.ticket)
            elif event.kind == "lunch":
                window = self.windows[event.window]
                window.lunch_due = True
                if not window.busy:
                    self.go_to_lunch(window, minute)
            elif event.kind == "free":
                window = self.windows[event.window]
                window.busy = False
                if window.lunch_due and not window.lunched:
                    self.go_to_lunch(window, minute)
                elif not self.on_lunch(window, minute):
                    self.call(window, minute)
            elif event.kind == "back":
                window = self.windows[event.window]
                if not window.busy:
                    self.call(window, minute)
            elif event.kind == "open":
                self.call_idle(minute)
        # A call records its ticket's later steps at once: put every step in the order it
        # happens, by the unrounded minute (stable: a tie keeps the order steps were taken
        # in), so that steps within one second are replayed as the simulation took them.
        steps = sorted(self.steps, key=lambda step: step.minute)
        return DayPlan(self.day, tuple(self.tickets), tuple(steps))

    def go_to_lunch(self, window: _Window, minute: float) -> None:
        window.lunched = True
        window.lunch_at = minute
        self.push(minute + LUNCH_MINUTES, "back", window=window.number)


def plan_day(
    day: date, categories: Sequence[Category], rng: random.Random, scale: int = DEFAULT_SCALE
) -> DayPlan:
    """One business day of the floor, drawn from `rng` (see the module)."""
    floor = _Floor(day, categories, rng)
    opening = min(_minutes(c.opens) for c in categories)
    floor.push(opening, "open")
    for window in floor.windows.values():
        floor.push(window.opens, "back", window=window.number)
        floor.push(window.lunch_at, "lunch", window=window.number)
    appointed, slots = APPOINTMENTS
    for category in categories:
        if category.id == appointed:
            for slot in slots:
                if rng.random() < 0.6:
                    floor.push(_minutes(slot) + rng.uniform(0, 10), "arrive", category=category.id)
            continue
        expected = scale * MIX.get(category.id, 0.0)
        for minute in _arrivals(day, category, expected, rng):
            floor.push(minute, "arrive", category=category.id)
    return floor.run()


# -- the departments -----------------------------------------------------------------------


class Follow(StrEnum):
    CLAIM = "claim"
    RETURN = "return"
    ANSWER = "answer"  # the window answers the question
    APPROVE = "approve"
    REJECT = "reject"


# Business days from routing to the claim, and from the claim to the decision.
CLAIM_DELAYS = ((0, 0.3), (1, 0.35), (2, 0.2), (3, 0.1), (5, 0.05))
RETURNED = 0.12
REJECTED = 0.07
LATE = 0.15  # decided well after the usual time (past the due date, mostly)


def _office_moment(day: date, rng: random.Random, after: datetime | None = None) -> datetime:
    start = at_local(day, OFFICE_HOURS[0])
    end = at_local(day, OFFICE_HOURS[1])
    if after is not None and after > start:
        start = after
    if start >= end:
        return end
    return start + timedelta(seconds=int(rng.uniform(0, (end - start).total_seconds())))


def _business_after(day: date, count: int) -> date:
    return office_calendar.next_open_day(day, count)


def follow_up(seed: int, routed_at: datetime, day: date) -> list[tuple[datetime, Follow]]:
    """What the department does with a routed procedure (routed at `routed_at` on
    business day `day`): claimed after a few business days, sometimes returned with a
    question the window answers, then approved or (rarely) rejected; some late."""
    rng = random.Random(seed)
    roll, claim_after = rng.random(), 0
    for days, probability in CLAIM_DELAYS:
        claim_after = days
        if roll < probability:
            break
        roll -= probability
    claim_day = _business_after(day, claim_after)
    claimed = _office_moment(claim_day, rng, after=routed_at)
    steps = [(claimed, Follow.CLAIM)]
    last_day, last = claim_day, claimed
    if rng.random() < RETURNED:
        asked_day = _business_after(last_day, rng.randint(0, 2))
        asked = _office_moment(asked_day, rng, after=last)
        answer_day = _business_after(asked_day, rng.randint(1, 3))
        answered = _office_moment(answer_day, rng, after=asked)
        steps += [(asked, Follow.RETURN), (answered, Follow.ANSWER)]
        last_day, last = answer_day, answered
    decide_after = rng.randint(9, 16) if rng.random() < LATE else rng.randint(1, 7)
    decide_day = _business_after(last_day, decide_after)
    decided = _office_moment(decide_day, rng, after=last)
    steps.append((decided, Follow.REJECT if rng.random() < REJECTED else Follow.APPROVE))
    return steps
