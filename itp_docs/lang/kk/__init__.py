"""Kazakh (kk). Placeholder: the lead adds the spaCy language class here (lazily imported)."""
