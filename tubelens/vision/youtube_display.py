"""How YouTube shows a thumbnail, which is what the thumbnail review judges against: the corner
its duration badge covers and the small sizes its feeds show it at.

Plain numbers, without OpenCV, so the web front can hand the page the same geometry.
"""

from __future__ import annotations

BADGE_CORNER = (0.80, 0.80)  # x, y where YouTube's duration badge region starts (fractions)
SMALL_SIZE = (168, 94)  # width, height in px: search results and the sidebar
MEDIUM_SIZE = (320, 180)  # the home feed
