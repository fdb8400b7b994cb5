"""The statistics on screen (issue 16): the window supervisors and floor managers open from
the menu, and the floor's live waits.

    StatsWindow(context, actor, parent)   # stats_window.py: period, grouping, comparison,
                                          # the table (CSV) and the charts (PNG)
    LiveWaitsView(context, actor)         # live_waits.py: waits per category now

Every figure comes from the core (`app.stats`, counter_app/stats); these modules only lay
it out. The charts (charts.py) need pyqtgraph, which is imported when the window first
opens, never at start-up; the live view never imports it.
"""
