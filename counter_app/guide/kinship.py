"""Relationships on the 住民票 (世帯主との続柄) the engine reasons with."""

from __future__ import annotations

HEAD = "世帯主"
SPOUSE_OF_HEAD = ("妻", "夫", "妻（未届）", "夫（未届）")
CHILD_OF_HEAD = ("子", "妻の子", "夫の子")
CHILD_OF_CHILD = ("孫",)
CHILD_GENERATION = ("子", "子の妻", "子の夫")


def is_spouse_pair(a: str, b: str) -> bool:
    """Whether two members with these 続柄 are spouses of each other."""
    return (a == HEAD and b in SPOUSE_OF_HEAD) or (b == HEAD and a in SPOUSE_OF_HEAD)


def child_relationships_of(parent_relationship: str) -> tuple[str, ...]:
    """The 続柄 a child of a member with `parent_relationship` has on the 住民票."""
    if parent_relationship == HEAD or parent_relationship in SPOUSE_OF_HEAD:
        return CHILD_OF_HEAD
    if parent_relationship in CHILD_GENERATION:
        return CHILD_OF_CHILD
    return ()
