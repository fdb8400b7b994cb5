"""The demo city: a realistic fictional municipality to fill an empty database with."""

from .city import DemoStats, fill_demo_city

__all__ = ["DemoStats", "fill_demo_city"]
