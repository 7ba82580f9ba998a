"""Places in a chapter where a Markdown element may start, counted as
esgsite counts them (markup_fits in generator/load_chapters.c): for
tests/run-hostile and tests/bench/shapes, which build chapters at or
near the limit."""

# ESG_MAX_MARKUP_MARKS (generator/load.h)
MARKUP_LIMIT = 300000
MARKS = set(b"\n!#&*+-:<=>@[\\]^_`{|}~")


def markup_marks(text):
    """The count for the bytes of a chapter's body."""
    n = 0
    for i, c in enumerate(text):
        if c in MARKS:
            n += 1
        elif c in b".)" and i > 0 and 48 <= text[i - 1] <= 57:
            n += 1
        elif c == 46 and text[i - 3:i] == b"www":
            n += 2
    return n
