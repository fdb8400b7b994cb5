"""Draw the sample 公印 that ships in resources/city/: a square 「市長之印」 crossed by a band
reading 「見本」, red on a transparent background, so no certificate printed with it can
pass for a real one. A city replaces the PNG with its own seal (see city.yaml).

    .venv/bin/python scripts/make_sample_seal.py [OUT.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "ipaexm.ttf"
OUT = ROOT / "resources" / "city" / "seal_sample.png"
SIDE = 320  # pixels: 21 mm printed at about 390 dpi
RED = (200, 30, 30, 255)


def seal() -> Image.Image:
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, SIDE - 7, SIDE - 7), outline=RED, width=14)
    draw.rectangle((28, 28, SIDE - 29, SIDE - 29), outline=RED, width=3)
    font = ImageFont.truetype(str(FONT), 96)
    # Read top to bottom, right column first: 市長 / 之印.
    for column, chars in enumerate(("市長", "之印")):
        x = SIDE * (0.72 - 0.44 * column)
        for row, char in enumerate(chars):
            draw.text((x, SIDE * (0.255 + 0.49 * row)), char, font=font, fill=RED, anchor="mm")
    # The band sits between the two rows of characters, where it hides none of them.
    band = (0, SIDE * 0.415, SIDE, SIDE * 0.585)
    draw.rectangle(band, outline=RED, width=5)
    label = ImageFont.truetype(str(FONT), 46)
    draw.text((SIDE / 2, SIDE / 2), "見　本", font=label, fill=RED, anchor="mm")
    return image


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    seal().save(out, optimize=True)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
