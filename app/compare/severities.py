"""How much each kind of disagreement matters.

ERROR means the reference is wrong and a reader following it may not find the work; WARNING
means it is defensible but not what the registry holds; INFO is spelling the registry would
accept. The rules, one constant each:

- WRONG_VALUE (error): year cited 2009, registered 2006; volume 15 for 120; a misspelled,
  missing, extra or reordered author; a different journal or DOI.
- IMPOSSIBLE_PAGES (error): "3427-2436" ends before it starts.
- TITLE_REWORDED (error): a changed or missing word, title similarity below 0.90.
- YEAR_ONE_OFF (warning): cited 2007 for a work registered 2008 (online 2006 or 2007).
- INITIALS_DIFFER (warning): "Fehrenbacher K" for "Fehrenbacher L".
- TITLE_SLIGHTLY_REWORDED (warning): one word changed in a long title (similarity >= 0.90).
- TITLE_WORD_MISSPELLED (warning): "metastsis" for "metastasis".
- TITLE_SUBTITLE_OMITTED (warning): "Deadly allies" for "Deadly allies: the fatal interplay ...".
- TITLE_MINOR_WORDS (info): only "the", "of", "a" ... added or left out.
- NAME_VARIANT (info): "Mueller A" for "Müller A", "Massaguè J" for "Massagué J".
- GROUP_NOT_REGISTERED (info): a consortium the registry does not list as an author.
"""

from __future__ import annotations

from typing import Final

from app.models import Severity

WRONG_VALUE: Final = Severity.ERROR
IMPOSSIBLE_PAGES: Final = Severity.ERROR
YEAR_ONE_OFF: Final = Severity.WARNING
INITIALS_DIFFER: Final = Severity.WARNING
TITLE_REWORDED: Final = Severity.ERROR
TITLE_SLIGHTLY_REWORDED: Final = Severity.WARNING
TITLE_WORD_MISSPELLED: Final = Severity.WARNING
TITLE_MINOR_WORDS: Final = Severity.INFO
TITLE_SUBTITLE_OMITTED: Final = Severity.WARNING
NAME_VARIANT: Final = Severity.INFO
GROUP_NOT_REGISTERED: Final = Severity.INFO
