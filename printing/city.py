"""The city's signatory on certificates: the mayor's title and name and the 公印 image,
from `resources/city/city.yaml` (a city edits it and replaces the sample seal)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

import resources
from counter_app.catalog.located import load_resource
from counter_app.errors import CounterAppError, ErrorCode

SEAL_SIZE_RANGE_MM = (10.0, 40.0)


@dataclass(frozen=True)
class CityOffice:
    mayor_title: str  # みどり市長
    mayor_name: str  # 見本　太郎
    seal_image: Path
    seal_size_mm: float

    @property
    def signatory(self) -> str:
        """The line the certificate is signed with: 「みどり市長　見本　太郎」."""
        return f"{self.mayor_title}\u3000{self.mayor_name}"


def default_city_file() -> Path:
    return Path(resources.__file__).resolve().parent / "city" / "city.yaml"


def load_city(path: Path | None = None) -> CityOffice:
    """The city file's signatory, checked; RESOURCE_INVALID names the file and the problem
    (a missing title or name, a seal image that is not there or not a picture)."""
    file = Path(path) if path is not None else default_city_file()
    data = load_resource(file)
    if not isinstance(data, dict):
        raise _invalid(file, "the file must be a mapping of mayor_title, mayor_name, seal_image")
    texts = {}
    for key in ("mayor_title", "mayor_name", "seal_image"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _invalid(file, f"{key} must be a non-empty text")
        texts[key] = value.strip()
    size = data.get("seal_size_mm", 21)
    low, high = SEAL_SIZE_RANGE_MM
    if isinstance(size, bool) or not isinstance(size, int | float) or not low <= size <= high:
        raise _invalid(file, f"seal_size_mm must be a number from {low:g} to {high:g}")
    seal = (file.parent / texts["seal_image"]).resolve()
    try:
        with Image.open(seal) as image:
            image.verify()
    except (OSError, UnidentifiedImageError) as exc:
        raise _invalid(file, f"seal_image {seal} cannot be read as a picture: {exc}") from exc
    return CityOffice(texts["mayor_title"], texts["mayor_name"], seal, float(size))


def _invalid(file: Path, detail: str) -> CounterAppError:
    return CounterAppError(ErrorCode.RESOURCE_INVALID, path=file, detail=detail)
