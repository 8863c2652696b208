"""Word lists and lexicons read by tubelens.text (plain-text data files, no code)."""
