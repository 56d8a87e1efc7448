"""Russian (ru). Placeholder: the lead adds the spaCy language customization here (lazily imported)."""
