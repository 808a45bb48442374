"""Built-in checks (installed as `auditor.checks`), one package per family, one check per module.

Each family package lists its check classes in `CHECKS`; `BUILTIN_CHECKS` joins the families.
That list is the registry of built-ins: a check class that no list names is not run, and
`tests/test_registry.py` fails for it. Checks depend only on `auditor`'s public model.
"""

from __future__ import annotations

from auditor.check import Check

from . import boilerplate, dates, figures, layout, markup, reference, speakers, terms, translation

FAMILIES = (boilerplate, dates, figures, layout, markup, reference, speakers, terms, translation)

BUILTIN_CHECKS: tuple[type[Check], ...] = tuple(cls for family in FAMILIES for cls in family.CHECKS)
