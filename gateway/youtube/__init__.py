"""Real YouTube input: the Data API, caption tracks and thumbnails, behind one cached fetcher."""
