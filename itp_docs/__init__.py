"""itp-docs: extraction and cross-script search for Kazakh and Russian government documents."""
__version__ = "0.1.0"
