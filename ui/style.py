"""One style sheet for every screen: large, calm and readable at a counter."""

from __future__ import annotations

ACCENT = "#1f4e79"
ACCENT_HOVER = "#2a6099"
ERROR = "#b00020"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f6f9; }}
QLabel#heading {{ font-size: 20pt; font-weight: bold; color: {ACCENT}; }}
QLabel#subheading {{ font-size: 13pt; color: #3c4650; }}
QLabel#muted {{ color: #5a6570; }}
QLabel#error {{
    color: {ERROR}; background: #fdecee; border: 1px solid #f3b8c0;
    border-radius: 4px; padding: 6px 8px;
}}
QFrame#banner {{ background: {ACCENT}; }}
QFrame#banner QLabel {{ color: white; }}
QFrame#banner QLabel#bannerTitle {{ font-size: 18pt; font-weight: bold; }}
QFrame#banner QLabel#municipality {{ font-size: 15pt; }}
QFrame#card {{ background: white; border: 1px solid #d5dbe2; border-radius: 8px; }}
QLabel#dutyName, QLabel#panelTitle {{ font-size: 14pt; font-weight: bold; color: {ACCENT}; }}
QScrollArea#content, QScrollArea#content > QWidget {{ background: #f4f6f9; border: none; }}
QLineEdit {{
    font-size: 14pt; padding: 6px 8px; min-height: 28px;
    border: 1px solid #9aa5b1; border-radius: 4px; background: white;
}}
QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QPushButton {{
    font-size: 13pt; padding: 8px 18px; min-height: 28px;
    border: 1px solid #9aa5b1; border-radius: 4px; background: #ffffff;
}}
QPushButton:hover {{ background: #eef2f6; }}
QPushButton:disabled {{ color: #8a949e; background: #e9ecef; }}
QPushButton#primary {{ color: white; background: {ACCENT}; border-color: {ACCENT}; }}
QPushButton#primary:hover {{ background: {ACCENT_HOVER}; }}
QPushButton#primary:disabled {{ color: #e0e6ec; background: #7d97b0; border-color: #7d97b0; }}
QTableWidget {{ font-size: 12pt; background: white; gridline-color: #e1e6eb; }}
QHeaderView::section {{
    background: #e8edf2; padding: 4px 6px; border: none;
    border-bottom: 1px solid #c9d1d9; font-weight: bold;
}}
QStatusBar {{ background: #e8edf2; }}
QStatusBar QLabel {{ padding: 0 8px; }}
"""
